namespace Conversa.Infrastructure.Channels;

/// <summary>
/// What the Graph API made of a send: accepted (with the <c>wamid</c>), worth retrying (429, 5xx, timeout, network;
/// <see cref="RetryAfter"/> when Meta said), or refused for good (other 4xx, with Meta's message and code).
/// </summary>
public sealed record GraphResult(bool Accepted, string? MessageId, bool Retryable, string? Error, int? ErrorCode, TimeSpan? RetryAfter)
{
    /// <summary>Meta's code for a free-form message outside the 24-hour customer-service window.</summary>
    public const int OutsideWindowCode = 131047;

    public static GraphResult Sent(string? messageId) => new(true, messageId, false, null, null, null);

    public static GraphResult Retry(string reason, TimeSpan? after = null) => new(false, null, true, reason, null, after);

    public static GraphResult Refused(string reason, int? code = null) => new(false, null, false, reason, code, null);
}
