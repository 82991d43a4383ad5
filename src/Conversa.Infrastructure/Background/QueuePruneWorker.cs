using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Outbound;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Background;

/// <summary>Runs <see cref="QueuePruner"/> once an hour on nodes that run a queue worker, the first time a minute after start-up.</summary>
public sealed class QueuePruneWorker(QueuePruner pruner, InboxOptions inbox, OutboxOptions outbox, ILogger<QueuePruneWorker> logger)
    : BatchWorker("Queue pruning", inbox.Enabled || outbox.Enabled, pollSeconds: 3600, batchSize: int.MaxValue, signal: null, logger)
{
    private bool _started;

    protected override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            // Out of the way of start-up (migrations, the first webhooks).
            _started = true;
            await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
        }
        await pruner.PruneDueAsync(cancellationToken);
        return 0;
    }
}
