namespace Conversa.Infrastructure.Billing.Usage;

/// <summary>A tenant's use in one UTC month: customer messages counted against the plan, model calls and their tokens.</summary>
public sealed record UsageTotals(long Messages, long AiRequests, long AiInputTokens, long AiOutputTokens)
{
    public static readonly UsageTotals Zero = new(0, 0, 0, 0);

    public long AiTokens => AiInputTokens + AiOutputTokens;

    public UsageTotals Plus(UsageTotals other) => new(
        Messages + other.Messages, AiRequests + other.AiRequests, AiInputTokens + other.AiInputTokens, AiOutputTokens + other.AiOutputTokens);

    /// <summary>Counts only grow within a month, so of two reads the larger figure is the newer one.</summary>
    public UsageTotals Max(UsageTotals other) => new(
        Math.Max(Messages, other.Messages), Math.Max(AiRequests, other.AiRequests),
        Math.Max(AiInputTokens, other.AiInputTokens), Math.Max(AiOutputTokens, other.AiOutputTokens));
}
