using Conversa.Core.Reminders;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Reminders;

/// <summary>
/// Keeps a source's reminder row in step with the source. It only stages changes on the scope's
/// <see cref="AppDbContext"/>: call it before saving the source so both commit together, and a reminder
/// never outlives or misses its appointment, task or booking.
/// </summary>
public sealed class ReminderPlanner(AppDbContext db, TimeProvider time)
{
    public async Task PlanAsync(ReminderPlan plan, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reminder = db.Reminders.Local.FirstOrDefault(r => r.Kind == plan.Kind && r.SourceId == plan.SourceId)
            ?? await db.Reminders.FirstOrDefaultAsync(r => r.Kind == plan.Kind && r.SourceId == plan.SourceId, cancellationToken);
        var wanted = plan.DueAt is not null && (plan.EventAt is null || plan.EventAt > now);
        if (!wanted)
        {
            if (reminder is { Status: ReminderStatus.Pending or ReminderStatus.Failed })
            {
                reminder.Status = ReminderStatus.Cancelled;
                reminder.UpdatedAt = now.UtcDateTime;
            }
            return;
        }
        var dueAt = plan.DueAt!.Value.UtcDateTime;
        if (reminder is null)
        {
            db.Reminders.Add(new Reminder
            {
                Kind = plan.Kind,
                SourceId = plan.SourceId,
                UserId = plan.UserId,
                ContactId = plan.ContactId,
                DueAt = dueAt,
                Text = plan.Text,
                CreatedAt = now.UtcDateTime,
                UpdatedAt = now.UtcDateTime,
            });
            return;
        }
        // A sent reminder stays sent unless its source moved: then it is due again at the new time.
        if (reminder.Status != ReminderStatus.Sent || reminder.DueAt != dueAt)
        {
            reminder.Status = ReminderStatus.Pending;
            reminder.SentAt = null;
            reminder.SentBy = null;
            reminder.Channel = null;
            reminder.Recipient = null;
            reminder.Attempts = 0;
            reminder.Error = null;
        }
        reminder.DueAt = dueAt;
        reminder.Text = plan.Text;
        reminder.UserId = plan.UserId;
        reminder.ContactId = plan.ContactId;
        reminder.UpdatedAt = now.UtcDateTime;
    }

    /// <summary>Cancels the source's pending reminder (the source was deleted, cancelled or completed).</summary>
    public Task CancelAsync(ReminderKind kind, Guid sourceId, CancellationToken cancellationToken) =>
        PlanAsync(new ReminderPlan(kind, sourceId, null, null, ""), cancellationToken);
}
