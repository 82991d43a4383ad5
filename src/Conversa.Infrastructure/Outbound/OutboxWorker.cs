using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Outbound;

/// <summary>Runs <see cref="OutboxSender"/> when woken by <see cref="OutboxSignal"/> or every poll interval.</summary>
public sealed class OutboxWorker(OutboxSender sender, OutboxSignal signal, OutboxOptions options, ILogger<OutboxWorker> logger) : BackgroundService
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
                while (await sender.SendDueAsync(stoppingToken) >= options.BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Outbox run failed; retrying at the next interval");
            }
            await signal.WaitAsync(poll, stoppingToken);
        }
    }
}
