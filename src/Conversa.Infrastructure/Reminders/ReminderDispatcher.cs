using Conversa.Core.Reminders;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Reminders;

/// <summary>
/// One scheduler run: claims due reminders (any tenant) under a fresh token, then, in each reminder's tenant
/// scope, marks it sent and hands it to the outbound queue in one transaction — conditional on still holding
/// the claim, so a reminder another node re-claimed after a lease ran out is never handed over twice.
/// A reminder that came due while every node was down is simply due: it goes out late, once.
/// </summary>
public sealed class ReminderDispatcher(
    ReminderClaims claims, TenantScope tenantScope, IOutbox outbound, ReminderOptions options, TimeProvider time,
    ILogger<ReminderDispatcher> logger)
{
    /// <summary>Names this process in <c>sent_by</c>, so the data shows which node handed each reminder over.</summary>
    public static readonly string NodeId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    private long _sent;
    private long _failedAttempts;

    /// <summary>Reminders this node handed over since it started (for <c>/metrics</c>).</summary>
    public long SentTotal => Interlocked.Read(ref _sent);

    /// <summary>Handover attempts that failed on this node and were rescheduled or given up.</summary>
    public long FailedAttemptsTotal => Interlocked.Read(ref _failedAttempts);

    /// <summary>Sends what is due now; returns how many reminders were handed over.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await claims.ClaimDueAsync(token, now, now.AddSeconds(options.LeaseSeconds), options.BatchSize, cancellationToken);
        var sent = 0;
        foreach (var tenant in claimed.GroupBy(c => c.TenantId))
        {
            try
            {
                sent += await tenantScope.RunAsync(tenant.Key, services => SendAsync(services, tenant.Select(c => c.Id).ToList(), token, cancellationToken), cancellationToken);
            }
            catch (InvalidOperationException e) when (e.Message.Contains("does not exist", StringComparison.Ordinal))
            {
                // Deleted between the claim and now: its reminders went with it.
            }
        }
        return sent;
    }

    private async Task<int> SendAsync(IServiceProvider services, List<Guid> ids, Guid token, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var slug = services.GetRequiredService<TenantContextHolder>().Current.TenantSlug ?? "";
        var recipients = services.GetRequiredService<ReminderRecipients>();
        var sent = 0;
        foreach (var id in ids)
        {
            var reminder = await db.Reminders.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Id == id && r.ClaimToken == token && r.Status == ReminderStatus.Pending, cancellationToken);
            if (reminder is null)
            {
                continue;
            }
            var message = new OutboundMessage(reminder.TenantId, slug, await recipients.PhoneOfAsync(reminder, cancellationToken),
                reminder.Text, $"{reminder.Kind.ToString().ToLowerInvariant()}_reminder", reminder.Id);
            try
            {
                if (await HandOverAsync(db, reminder, message, token, cancellationToken))
                {
                    outbound.Committed(message);
                    Interlocked.Increment(ref _sent);
                    sent++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                Interlocked.Increment(ref _failedAttempts);
                await RecordFailureAsync(db, reminder, token, e, cancellationToken);
            }
        }
        return sent;
    }

    private async Task<bool> HandOverAsync(AppDbContext db, Reminder reminder, OutboundMessage message, Guid token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var channel = await outbound.EnqueueAsync(db, message, cancellationToken);
        var marked = await db.Reminders
            .Where(r => r.Id == reminder.Id && r.ClaimToken == token && r.Status == ReminderStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReminderStatus.Sent)
                .SetProperty(r => r.SentAt, now)
                .SetProperty(r => r.SentBy, NodeId)
                .SetProperty(r => r.Channel, channel)
                .SetProperty(r => r.Recipient, message.Recipient)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.Error, (string?)null)
                .SetProperty(r => r.ClaimedUntil, (DateTime?)null)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
        if (marked == 0)
        {
            // Re-planned, cancelled or re-claimed since we claimed it: whoever holds it now decides.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Backs off exponentially (1, 2, 4… minutes) and gives up as <c>failed</c> after the last attempt.</summary>
    private async Task RecordFailureAsync(AppDbContext db, Reminder reminder, Guid token, Exception error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var attempts = reminder.Attempts + 1;
        var failed = attempts >= options.MaxAttempts;
        logger.LogWarning(error, "Reminder {ReminderId} could not be handed over (attempt {Attempt}{Final})",
            reminder.Id, attempts, failed ? ", giving up" : "");
        await db.Reminders
            .Where(r => r.Id == reminder.Id && r.ClaimToken == token && r.Status == ReminderStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Attempts, attempts)
                .SetProperty(r => r.Error, error.Message)
                .SetProperty(r => r.Status, failed ? ReminderStatus.Failed : ReminderStatus.Pending)
                .SetProperty(r => r.ClaimedUntil, now.AddMinutes(Math.Pow(2, attempts - 1)))
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
    }
}
