namespace Conversa.Infrastructure.Billing.Usage;

/// <summary>The monthly limits whose reaching the staff are told about, once a month across nodes.</summary>
public enum UsageLimit
{
    Messages,
    AiTokens,
}
