namespace Conversa.Core.Conversations;

/// <summary>
/// Which delivery status changes are progress. Providers report out of order (WhatsApp may say <c>read</c> before
/// <c>delivered</c>, and redeliver old statuses), so a status only ever moves forward:
/// pending → sent → delivered → read, and <c>failed</c> only from pending or sent (a message the recipient got did
/// not fail). Inbound messages, which have no status, never get one this way.
/// </summary>
public static class DeliveryProgress
{
    public static bool CanMove(DeliveryStatus? from, DeliveryStatus to) => from switch
    {
        null => false,
        DeliveryStatus.Failed or DeliveryStatus.Read => false,
        _ when to == DeliveryStatus.Failed => from is DeliveryStatus.Pending or DeliveryStatus.Sent,
        _ => Rank(to) > Rank(from.Value),
    };

    private static int Rank(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => 0,
        DeliveryStatus.Sent => 1,
        DeliveryStatus.Delivered => 2,
        DeliveryStatus.Read => 3,
        _ => -1,
    };
}
