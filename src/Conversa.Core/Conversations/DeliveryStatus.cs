namespace Conversa.Core.Conversations;

/// <summary>How far an outgoing message got. Inbound messages have none.</summary>
public enum DeliveryStatus
{
    Pending,
    Sent,
    Delivered,
    Read,
    Failed,
}
