using System.ComponentModel;
using System.Text.Json;
using Conversa.Core.Personal;
using Conversa.Core.Time;
using Conversa.Infrastructure.Engine.Agents;
using Conversa.Infrastructure.Personal;
using Microsoft.Extensions.AI;
using NodaTime;
using NodaTime.Text;

namespace Conversa.Infrastructure.Engine.Personal;

/// <summary>
/// The personal agent's tools for a chat model: <c>create_task</c> and <c>list_agenda</c>, on the turn's own user
/// only (a turn without a user gets no tools). They return plain data — ids, titles, times with the tenant's offset —
/// and a created task is recorded in <see cref="AgentTurn.Effects"/> as the same <c>task_created</c> action the builtin
/// agent gives. Dates and times a model passes are read in the tenant's zone, like the API's.
/// </summary>
public sealed class PersonalTools(PersonalAgenda agenda) : IAgentTools
{
    private static readonly JsonSerializerOptions Json = new(AIJsonUtilities.DefaultOptions) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public IReadOnlyCollection<string> Agents { get; } = [AgentNames.Personal];

    public IEnumerable<AIFunction> Create(AgentTurn turn)
    {
        if (turn.UserId is not { } userId)
        {
            return [];
        }
        return
        [
            AIFunctionFactory.Create(
                ([Description("What the task is, as a short title, e.g. \"Call Juan\".")] string title,
                 [Description("When it is due, in the user's time zone: a date (2026-12-04, due at the end of that day) or a local date-time (2026-12-04T10:00). Omit when no due time was given.")] string? due = null,
                 [Description("low, medium or high; omit for medium.")] string? priority = null,
                 CancellationToken cancellationToken = default) => CreateTaskAsync(turn, userId, title, due, priority, cancellationToken),
                "create_task",
                "Creates a task in the user's own task list, with a reminder before its due time when a time is given.",
                Json),
            AIFunctionFactory.Create(
                ([Description("The day to list, as a date in the user's time zone (2026-12-04); omit for today.")] string? date = null,
                 CancellationToken cancellationToken = default) => ListAgendaAsync(turn, userId, date, cancellationToken),
                "list_agenda",
                "Lists the user's own appointments on a day (local times, with the ids of overlapping ones) and their open tasks due that day.",
                Json),
        ];
    }

    private async Task<object> CreateTaskAsync(AgentTurn turn, Guid userId, string title, string? due, string? priority, CancellationToken cancellationToken)
    {
        DateTimeOffset? at = null;
        var allDay = false;
        if (!string.IsNullOrWhiteSpace(due))
        {
            if (!DueDate.TryParse(due, turn.Zone, out var parsed, out allDay))
            {
                return new ToolError("due must be a date (2026-12-04) or a local date-time (2026-12-04T10:00).");
            }
            at = parsed;
        }
        TaskPriority? level = null;
        if (!string.IsNullOrWhiteSpace(priority))
        {
            if (!PersonalEnums.TryParsePriority(priority, out var parsed))
            {
                return new ToolError($"priority must be {PersonalEnums.PriorityNames}.");
            }
            level = parsed;
        }
        var reminder = at is not null && !allDay ? PersonalAgent.TaskReminderMinutes : (int?)null;
        var created = await agenda.CreateTaskAsync(userId, new TaskDraft(title, Due: at, DueAllDay: allDay, Priority: level, ReminderMinutes: reminder), cancellationToken);
        if (created.Value is not { } task)
        {
            return new ToolError(created.Errors.Count > 0 ? string.Join(" ", created.Errors.Select(e => e.Message)) : created.Detail ?? "The task was not created.");
        }
        turn.Effects.Actions.Add(PersonalActions.TaskCreated(task, turn.Zone));
        return new ToolTaskCreated(task.Id.ToString(), task.Title, task.DueAt is { } d ? ZonedTime.Format(d, turn.Zone) : null, task.DueAllDay,
            PersonalEnums.Name(task.Priority), task.ReminderMinutes);
    }

    private async Task<object> ListAgendaAsync(AgentTurn turn, Guid userId, string? date, CancellationToken cancellationToken)
    {
        var day = turn.Temporal.Today;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (LocalDatePattern.Iso.Parse(date.Trim()) is not { Success: true } parsed)
            {
                return new ToolError("date must be a date like 2026-12-04.");
            }
            day = parsed.Value;
        }
        var agendaDay = await agenda.DayAsync(userId, day, cancellationToken);
        var now = agenda.UtcNow;
        return new ToolAgendaDay(
            ZonedTime.FormatDate(day),
            agendaDay.Appointments.Select(e => new ToolAppointment(e.Appointment.Id.ToString(), e.Appointment.Title,
                ZonedTime.Format(e.Appointment.StartAt, turn.Zone), ZonedTime.Format(e.Appointment.EndAt, turn.Zone), e.Appointment.Location,
                e.Conflicts.Select(c => c.Id.ToString()).ToList())).ToList(),
            agendaDay.Tasks.Select(t => new ToolTask(t.Id.ToString(), t.Title, t.DueAt is { } d ? ZonedTime.Format(d, turn.Zone) : null, t.DueAllDay,
                PersonalEnums.Name(t.Priority), PersonalEnums.Name(t.Status), t.IsOverdue(now))).ToList());
    }
}
