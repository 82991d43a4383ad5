namespace Conversa.Core.Channels;

public enum InboxStatus
{
    Pending,
    Done,
    Failed,
    /// <summary>No tenant matched the webhook: kept for audit, never processed.</summary>
    Ignored,
}
