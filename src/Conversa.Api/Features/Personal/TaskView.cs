using Conversa.Core.Personal;
using Conversa.Core.Time;
using NodaTime;

namespace Conversa.Api.Features.Personal;

/// <summary>
/// A task as the API shows it. <c>due_date</c> is always a date-time with the tenant's offset; <c>due_all_day</c>
/// says it was given as a date (and is then that day's last second). <c>overdue</c>: due in the past and not completed.
/// </summary>
public sealed record TaskView(
    Guid Id,
    string Title,
    string? Description,
    string? DueDate,
    bool DueAllDay,
    TaskPriority Priority,
    PersonalTaskStatus Status,
    string? Category,
    int? ReminderMinutes,
    bool Overdue,
    string? CompletedAt,
    string CreatedAt,
    string UpdatedAt)
{
    public static TaskView From(PersonalTask t, DateTimeZone zone, DateTime now) =>
        new(t.Id, t.Title, t.Description, t.DueAt is { } due ? ZonedTime.Format(due, zone) : null, t.DueAllDay, t.Priority, t.Status,
            t.Category, t.ReminderMinutes, t.IsOverdue(now), t.CompletedAt is { } done ? ZonedTime.Format(done, zone) : null,
            ZonedTime.Format(t.CreatedAt, zone), ZonedTime.Format(t.UpdatedAt, zone));
}
