using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Background;

/// <summary>
/// Keeps the queue tables from growing without end: deliveries whose items are all done or ignored after
/// <see cref="InboxOptions.RetainDays"/>, sent outbox rows after <see cref="OutboxOptions.RetainDays"/> (0 keeps them).
/// Any number of nodes may run it; the deletes are the same whoever runs them.
/// </summary>
public sealed class QueuePruner(QueueRetention retention, InboxOptions inbox, OutboxOptions outbox, TimeProvider time, ILogger<QueuePruner> logger)
{
    public const int ChunkSize = 1000;

    /// <summary>Deletes everything past its retention, a chunk at a time; returns the totals.</summary>
    public async Task<QueueRetention.Pruned> PruneDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? inboxCutoff = inbox.RetainDays > 0 ? now.AddDays(-inbox.RetainDays) : null;
        DateTime? outboxCutoff = outbox.RetainDays > 0 ? now.AddDays(-outbox.RetainDays) : null;
        var total = new QueueRetention.Pruned(0, 0);
        if (inboxCutoff is null && outboxCutoff is null)
        {
            return total;
        }
        QueueRetention.Pruned chunk;
        do
        {
            chunk = await retention.PruneAsync(inboxCutoff, outboxCutoff, ChunkSize, cancellationToken);
            total = new QueueRetention.Pruned(total.Deliveries + chunk.Deliveries, total.OutboxRows + chunk.OutboxRows);
        }
        while (chunk.Deliveries >= ChunkSize || chunk.OutboxRows >= ChunkSize);
        if (total.Deliveries + total.OutboxRows > 0)
        {
            logger.LogInformation("Pruned {Deliveries} webhook deliveries and {OutboxRows} sent outbox rows past retention",
                total.Deliveries, total.OutboxRows);
        }
        return total;
    }
}
