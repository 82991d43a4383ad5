using Conversa.Infrastructure.Persistence;

namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// Where outgoing messages are handed over. <see cref="EnqueueAsync"/> runs inside the caller's transaction
/// (a queue backed by an outbox table stages its row there, so the handover commits or rolls back with the
/// caller's own change) and names the channel that will carry the message; <see cref="Committed"/> runs once
/// the transaction has committed. <see cref="StageAsync"/> leaves the saving to the caller, so the row goes in with
/// the caller's own rows in one batch, and can store it already claimed by the caller, who then sends it itself
/// (<see cref="DirectSends"/>) instead of calling <see cref="Committed"/>.
/// </summary>
public interface IOutbox
{
    Task<string> EnqueueAsync(AppDbContext db, OutboundMessage message, CancellationToken cancellationToken);

    void Committed(OutboundMessage message);

    /// <summary>Adds the row to the caller's context without saving it; with <paramref name="claim"/>, claimed by the caller.</summary>
    async Task<OutboxHandover> StageAsync(AppDbContext db, OutboundMessage message, Guid? claim, CancellationToken cancellationToken) =>
        new(await EnqueueAsync(db, message, cancellationToken), null);
}

/// <summary>
/// The channel that carries a staged message, and its row when the caller must save it (and detach it after); the
/// row has a claim token when the caller sends it itself.
/// </summary>
public sealed record OutboxHandover(string Channel, Core.Channels.OutboxEntry? Row);
