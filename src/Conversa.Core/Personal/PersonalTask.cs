using Conversa.Core.Tenancy;

namespace Conversa.Core.Personal;

/// <summary>
/// A to-do of one staff user, private to them like <see cref="PersonalAppointment"/>. <see cref="DueAt"/> is a UTC
/// instant; <see cref="DueAllDay"/> says it was given as a date (and is that day's end in the tenant's zone).
/// </summary>
public sealed class PersonalTask : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public DateTime? DueAt { get; set; }
    public bool DueAllDay { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Medium;
    public PersonalTaskStatus Status { get; set; } = PersonalTaskStatus.Pending;
    public string? Category { get; set; }
    /// <summary>Minutes before the due time to remind the user; null means no reminder.</summary>
    public int? ReminderMinutes { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Overdue: due before <paramref name="now"/> and not completed.</summary>
    public bool IsOverdue(DateTime now) => DueAt < now && Status != PersonalTaskStatus.Completed;

    /// <summary>
    /// Replaces every field with the draft's (which must have passed <see cref="TaskDraft.Validate"/>).
    /// Completing stamps <see cref="CompletedAt"/> once; reopening clears it.
    /// </summary>
    public void Apply(TaskDraft draft, DateTime now)
    {
        var clean = draft.Normalized();
        Title = clean.Title!;
        Description = clean.Description;
        DueAt = clean.Due?.UtcDateTime;
        DueAllDay = clean.DueAllDay;
        Priority = clean.Priority ?? TaskPriority.Medium;
        var status = clean.Status ?? PersonalTaskStatus.Pending;
        if (status == PersonalTaskStatus.Completed && (Status != PersonalTaskStatus.Completed || CompletedAt is null))
        {
            CompletedAt = now;
        }
        else if (status != PersonalTaskStatus.Completed)
        {
            CompletedAt = null;
        }
        Status = status;
        Category = clean.Category;
        ReminderMinutes = clean.ReminderMinutes is > 0 ? clean.ReminderMinutes : null;
        UpdatedAt = now;
    }

    public TaskDraft ToDraft() =>
        new(Title, Description, DueAt is { } due ? new DateTimeOffset(due, TimeSpan.Zero) : null, DueAllDay, Priority, Status, Category,
            ReminderMinutes);
}
