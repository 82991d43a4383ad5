namespace Conversa.Infrastructure.Outbound;

/// <summary>What a provider made of one delivery attempt.</summary>
public abstract record SendOutcome
{
    private SendOutcome()
    {
    }

    /// <summary>Accepted; <paramref name="ProviderMessageId"/> is recorded on the conversation message.</summary>
    public sealed record Sent(string? ProviderMessageId) : SendOutcome;

    /// <summary>Worth trying again (429, 5xx, timeout): after <paramref name="After"/> when the provider said, else with backoff.</summary>
    public sealed record Retry(string Reason, TimeSpan? After = null) : SendOutcome;

    /// <summary>Will never succeed (4xx, channel not configured): the row is failed at once.</summary>
    public sealed record Failed(string Reason) : SendOutcome;
}
