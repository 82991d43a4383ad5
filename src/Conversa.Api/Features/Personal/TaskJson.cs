using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Core.Personal;
using Conversa.Core.Time;
using NodaTime;

namespace Conversa.Api.Features.Personal;

/// <summary>
/// The JSON form of a task: <c>{title, description?, due_date?, priority?, status?, category?, reminder_minutes?}</c>.
/// <c>due_date</c> is a date (the end of that day in the tenant's zone) or a date-time; an absent
/// <c>reminder_minutes</c> is the default (60), <c>null</c> or 0 is none.
/// </summary>
internal static class TaskJson
{
    public static TaskDraft Read(JsonObject body, DateTimeZone zone, ValidationErrors errors)
    {
        var fields = new JsonFields(body, errors);
        DateTimeOffset? due = null;
        var allDay = false;
        if (fields.String("due_date") is { } text)
        {
            if (DueDate.TryParse(text, zone, out var parsed, out allDay))
            {
                due = parsed;
            }
            else
            {
                errors.Add("due_date", "due_date must be a date (2026-11-22, meaning the end of that day) or an ISO 8601 date-time.");
            }
        }
        TaskPriority? priority = null;
        if (fields.String("priority") is { } priorityText)
        {
            if (PersonalEnums.TryParsePriority(priorityText, out var p))
            {
                priority = p;
            }
            else
            {
                errors.Add("priority", $"priority must be {PersonalEnums.PriorityNames}.");
            }
        }
        PersonalTaskStatus? status = null;
        if (fields.String("status") is { } statusText)
        {
            if (PersonalEnums.TryParseStatus(statusText, out var s))
            {
                status = s;
            }
            else
            {
                errors.Add("status", $"status must be {PersonalEnums.StatusNames}.");
            }
        }
        return new TaskDraft(
            fields.String("title"),
            fields.String("description"),
            due,
            allDay,
            priority,
            status,
            fields.String("category"),
            fields.Int("reminder_minutes", TaskDraft.DefaultReminderMinutes));
    }

    /// <summary>A stored task as the body that would recreate it (a date-only due date stays a date).</summary>
    public static JsonObject ToJson(PersonalTask task, DateTimeZone zone) => new()
    {
        ["title"] = task.Title,
        ["description"] = task.Description,
        ["due_date"] = task.DueAt is not { } due ? null
            : task.DueAllDay ? ZonedTime.FormatDate(DueDate.LocalDateOf(due, zone))
            : ZonedTime.Format(due, zone),
        ["priority"] = PersonalEnums.Name(task.Priority),
        ["status"] = PersonalEnums.Name(task.Status),
        ["category"] = task.Category,
        ["reminder_minutes"] = task.ReminderMinutes,
    };
}
