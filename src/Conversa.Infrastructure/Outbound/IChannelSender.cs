using Conversa.Infrastructure.Persistence;

namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// Delivers outbox rows to one provider. Register with <c>services.AddChannelSender&lt;T&gt;()</c> (a singleton).
/// <para>
/// <see cref="HandlesAsync"/> runs inside the caller's transaction when a message is enqueued, with the tenant's
/// <see cref="AppDbContext"/>, to decide whether this sender takes it: a conversation reply whose
/// <see cref="OutboundMessage.Channel"/> is this channel, or a message without a channel (reminder, staff notice)
/// when the tenant has this channel configured. The first sender that takes it gets the row.
/// </para>
/// <para>
/// <see cref="SendAsync"/> runs in the sender worker inside the row's tenant scope (<see cref="OutboxDelivery.Services"/>),
/// once per attempt, under a per-attempt timeout. Answer <see cref="SendOutcome.Sent"/> with the provider's message
/// id, <see cref="SendOutcome.Retry"/> for 429/5xx/timeouts (optionally with the provider's <c>Retry-After</c>), or
/// <see cref="SendOutcome.Failed"/> for what will never succeed (4xx, no channel config). An exception counts as a retry.
/// </para>
/// </summary>
public interface IChannelSender
{
    /// <summary>The channel name stored on the outbox row (<c>whatsapp</c>, <c>chatwoot</c>).</summary>
    string Channel { get; }

    ValueTask<bool> HandlesAsync(OutboundMessage message, AppDbContext db, CancellationToken cancellationToken);

    Task<SendOutcome> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken);
}
