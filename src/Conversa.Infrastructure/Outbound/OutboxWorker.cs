using Conversa.Infrastructure.Background;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Outbound;

/// <summary>Runs <see cref="OutboxSender"/> when woken by <see cref="OutboxSignal"/> or every poll interval.</summary>
public sealed class OutboxWorker(OutboxSender sender, OutboxSignal signal, OutboxOptions options, ILogger<OutboxWorker> logger)
    : BatchWorker("Outbox", options.Enabled, options.PollSeconds, options.BatchSize, signal, logger)
{
    protected override Task<int> RunBatchAsync(CancellationToken cancellationToken) => sender.SendDueAsync(cancellationToken);
}
