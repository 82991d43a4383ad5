using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Billing.Usage;

/// <summary>
/// Writes <see cref="UsageLedger"/>'s counted use to the database every <see cref="UsageOptions.FlushInterval"/>, and
/// once more when the host stops, so a restart loses nothing; only a crash loses the last interval's unwritten use.
/// </summary>
public sealed class UsageFlusher(UsageLedger ledger, UsageOptions options, ILogger<UsageFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan ShutdownBudget = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Not cancelled by the stop: a write cancelled after the database applied it would be kept as unwritten
                // and added again by the last flush. A flush is one short statement per active tenant.
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var budget = new CancellationTokenSource(ShutdownBudget);
        await FlushAsync(budget.Token);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ledger.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Usage flush failed; retrying at the next interval");
        }
    }
}
