using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Inbox;

/// <summary>Runs <see cref="InboxProcessor"/> when woken by <see cref="InboxSignal"/> or every poll interval.</summary>
public sealed class InboxWorker(InboxProcessor processor, InboxSignal signal, InboxOptions options, ILogger<InboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        var poll = TimeSpan.FromSeconds(Math.Max(0.05, options.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means more may be waiting: go again at once.
                while (await processor.ProcessDueAsync(stoppingToken) >= options.BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Inbox run failed; retrying at the next interval");
            }
            await signal.WaitAsync(poll, stoppingToken);
        }
    }
}
