using System.Text.Json.Nodes;
using Conversa.Core.Personal;
using Conversa.Core.Time;
using Conversa.Infrastructure.Personal;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Personal;

/// <summary>
/// The actions a personal-assistant reply carries (API.md <c>actions</c>), alike whether the builtin agent or a chat
/// model's tool made the change: <c>task_created</c>, <c>appointment_created</c> (with the ids of the user's
/// appointments it overlaps) and <c>task_completed</c>. Times carry the tenant's offset.
/// </summary>
public static class PersonalActions
{
    public static AgentAction TaskCreated(PersonalTask task, DateTimeZone zone) =>
        task.DueAt is { } due
            ? AgentAction.Of("task_created", ("task_id", task.Id.ToString()), ("due", ZonedTime.Format(due, zone)))
            : AgentAction.Of("task_created", ("task_id", task.Id.ToString()));

    public static AgentAction AppointmentCreated(AppointmentEntry entry, DateTimeZone zone) =>
        AgentAction.Of("appointment_created",
            ("appointment_id", entry.Appointment.Id.ToString()),
            ("start", ZonedTime.Format(entry.Appointment.StartAt, zone)),
            ("conflicts", new JsonArray(entry.Conflicts.Select(c => (JsonNode)JsonValue.Create(c.Id.ToString())).ToArray())));

    public static AgentAction TaskCompleted(PersonalTask task) => AgentAction.Of("task_completed", ("task_id", task.Id.ToString()));
}
