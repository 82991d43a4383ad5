using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Reminders;

/// <summary>Runs <see cref="ReminderDispatcher"/> every poll interval on every node that has it enabled.</summary>
public sealed class ReminderScheduler(ReminderDispatcher dispatcher, ReminderOptions options, ILogger<ReminderScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.05, options.PollSeconds)));
        do
        {
            try
            {
                // A full batch means more may be waiting: go again at once instead of waiting a whole interval.
                while (await dispatcher.DispatchDueAsync(stoppingToken) >= options.BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Reminder scheduler run failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
