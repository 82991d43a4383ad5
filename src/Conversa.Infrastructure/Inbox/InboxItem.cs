namespace Conversa.Infrastructure.Inbox;

/// <summary>
/// One unit of work from a webhook: a WhatsApp message, a WhatsApp status, a Chatwoot message. <see cref="Key"/> is
/// unique per <see cref="Channel"/> (<c>msg:wamid.X</c>, <c>status:wamid.X:delivered</c>, <c>chatwoot:msg:123</c>), so a
/// redelivery is stored once. <see cref="Payload"/> is the JSON text the channel's <see cref="IInboxHandler"/> needs
/// (the sub-object of the webhook body it handles). A null <see cref="TenantId"/> means the tenant is unknown: the
/// item is stored as <c>ignored</c> and never processed.
/// </summary>
public sealed record InboxItem(string Channel, string Key, Guid? TenantId, string Kind, string Payload);
