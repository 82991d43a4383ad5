using Conversa.Infrastructure.Persistence;

namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// Where outgoing messages are handed over. <see cref="EnqueueAsync"/> runs inside the caller's transaction
/// (a queue backed by an outbox table stages its row there, so the handover commits or rolls back with the
/// caller's own change) and names the channel that will carry the message; <see cref="Committed"/> runs once
/// the transaction has committed.
/// </summary>
public interface IOutbox
{
    Task<string> EnqueueAsync(AppDbContext db, OutboundMessage message, CancellationToken cancellationToken);

    void Committed(OutboundMessage message);
}
