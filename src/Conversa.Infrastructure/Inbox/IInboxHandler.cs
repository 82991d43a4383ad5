namespace Conversa.Infrastructure.Inbox;

/// <summary>
/// Processes a channel's inbox items. Register one per channel with
/// <c>services.AddInboxHandler&lt;T&gt;()</c> (a singleton; take scoped services such as <c>AppDbContext</c> or
/// <c>ChatEngine</c> from <c>tenantServices</c>, the DI scope of the item's tenant). The worker calls
/// <see cref="HandleAsync"/> for each claimed item of <see cref="Channel"/>; an exception means "try again later"
/// (with backoff, up to the configured attempts, then the item is <c>failed</c> with the error kept). An item may be
/// handled more than once (a node dying mid-item is re-claimed after its lease), so a handler must be idempotent —
/// storing the user message by its provider id already makes the engine skip a repeat.
/// </summary>
public interface IInboxHandler
{
    /// <summary>The <see cref="InboxItem.Channel"/> this handler takes (<c>whatsapp</c>, <c>chatwoot</c>).</summary>
    string Channel { get; }

    Task HandleAsync(InboxItem item, IServiceProvider tenantServices, CancellationToken cancellationToken);

    /// <summary>
    /// Items of one tenant with the same key (a customer, a conversation) are handled one after another in arrival order;
    /// anything else may be handled side by side. Null: the item needs no order.
    /// </summary>
    string? OrderKey(InboxItem item) => null;
}
