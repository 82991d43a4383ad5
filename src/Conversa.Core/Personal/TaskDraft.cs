using Conversa.Core.Catalog;

namespace Conversa.Core.Personal;

/// <summary>
/// A task as a caller wants it. <see cref="DueAllDay"/> marks a due date given as a bare date (then
/// <see cref="Due"/> is that day's end, see <see cref="DueDate"/>). Absent priority and status mean
/// <c>medium</c> and <c>pending</c>; <see cref="ReminderMinutes"/> null or 0 means no reminder.
/// </summary>
public sealed record TaskDraft(
    string? Title,
    string? Description = null,
    DateTimeOffset? Due = null,
    bool DueAllDay = false,
    TaskPriority? Priority = null,
    PersonalTaskStatus? Status = null,
    string? Category = null,
    int? ReminderMinutes = TaskDraft.DefaultReminderMinutes)
{
    public const int DefaultReminderMinutes = 60;

    public TaskDraft Normalized() => this with
    {
        Title = PersonalText.Clean(Title),
        Description = PersonalText.Clean(Description),
        Category = PersonalText.Clean(Category),
        DueAllDay = Due is not null && DueAllDay,
    };

    public IReadOnlyList<FieldError> Validate()
    {
        var draft = Normalized();
        var errors = new List<FieldError>();
        PersonalText.CheckTitle(draft.Title, errors);
        PersonalText.CheckLength(draft.Description, "description", PersonalText.MaxDescriptionLength, errors);
        PersonalText.CheckLength(draft.Category, "category", PersonalText.MaxCategoryLength, errors);
        if (draft.Due is { } due && !PersonalText.InSupportedRange(due))
        {
            errors.Add(new FieldError("due_date", PersonalText.RangeMessage("due_date")));
        }
        PersonalText.CheckReminder(draft.ReminderMinutes, errors);
        return errors;
    }
}
