namespace Conversa.Infrastructure.Inbox;

/// <summary>
/// The durable inbox webhooks write to. Called without a tenant scope (a webhook carries no credentials; the
/// items name their tenant). When <see cref="AcceptAsync"/> returns, the delivery and its new items are committed,
/// so the endpoint may answer <c>200</c>; items whose (channel, key) is already stored are counted as duplicates and
/// skipped, also when two redeliveries arrive at once. A worker then hands each item to its channel's
/// <see cref="IInboxHandler"/> inside the item's tenant scope.
/// </summary>
public interface IInbox
{
    Task<InboxAcceptance> AcceptAsync(InboxDelivery delivery, IReadOnlyList<InboxItem> items, CancellationToken cancellationToken);
}
