namespace Conversa.Core.Channels;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}
