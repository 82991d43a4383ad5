namespace Conversa.Infrastructure.Channels.Chatwoot;

/// <summary>How a call to Chatwoot went: done (with Chatwoot's id for what it made), worth retrying (after a wait, when Chatwoot named one), or refused for good.</summary>
public sealed record ChatwootCallResult(ChatwootCallStatus Status, string? ProviderId = null, TimeSpan? RetryAfter = null, string? Error = null);

public enum ChatwootCallStatus
{
    Sent,
    Retry,
    Failed,
}
