using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Background;

/// <summary>
/// The loop of the reminder scheduler and the queue pruner: a batch, again at once while batches come back full, then a pause of one poll
/// interval that a <see cref="WorkSignal"/> (when there is one) cuts short. A failed run is logged and retried at the
/// next interval; only shutdown ends the loop.
/// </summary>
public abstract class BatchWorker(string name, bool enabled, double pollSeconds, int batchSize, WorkSignal? signal, ILogger logger)
    : BackgroundService
{
    /// <summary>Does one batch; returns how many items it took.</summary>
    protected abstract Task<int> RunBatchAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!enabled)
        {
            return;
        }
        var poll = TimeSpan.FromSeconds(Math.Max(0.05, pollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunBatchAsync(stoppingToken) >= batchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Worker} run failed; retrying at the next interval", name);
            }
            if (signal is null)
            {
                await Task.Delay(poll, stoppingToken);
            }
            else
            {
                await signal.WaitAsync(poll, stoppingToken);
            }
        }
    }
}
