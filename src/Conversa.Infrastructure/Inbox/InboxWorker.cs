using Conversa.Infrastructure.Background;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Inbox;

/// <summary>Runs <see cref="InboxProcessor"/> when woken by <see cref="InboxSignal"/> or every poll interval.</summary>
public sealed class InboxWorker(InboxProcessor processor, InboxSignal signal, InboxOptions options, ILogger<InboxWorker> logger)
    : BatchWorker("Inbox", options.Enabled, options.PollSeconds, options.BatchSize, signal, logger)
{
    protected override Task<int> RunBatchAsync(CancellationToken cancellationToken) => processor.ProcessDueAsync(cancellationToken);
}
