using Conversa.Infrastructure.Background;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Reminders;

/// <summary>Runs <see cref="ReminderDispatcher"/> every poll interval on every node that has it enabled.</summary>
public sealed class ReminderScheduler(ReminderDispatcher dispatcher, ReminderOptions options, ILogger<ReminderScheduler> logger)
    : BatchWorker("Reminder scheduler", options.Enabled, options.PollSeconds, options.BatchSize, signal: null, logger)
{
    protected override Task<int> RunBatchAsync(CancellationToken cancellationToken) => dispatcher.DispatchDueAsync(cancellationToken);
}
