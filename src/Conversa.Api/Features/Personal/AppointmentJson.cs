using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Core.Personal;
using Conversa.Core.Time;
using NodaTime;

namespace Conversa.Api.Features.Personal;

/// <summary>
/// The JSON form of an appointment: <c>{title, description?, start_datetime, end_datetime?, location?, attendees?,
/// category?, reminder_minutes?}</c>. An absent <c>reminder_minutes</c> is the default (15); <c>null</c> or 0 is none.
/// </summary>
internal static class AppointmentJson
{
    public static AppointmentDraft Read(JsonObject body, DateTimeZone zone, ValidationErrors errors)
    {
        var fields = new JsonFields(body, errors);
        return new AppointmentDraft(
            fields.String("title"),
            fields.String("description"),
            fields.Timestamp("start_datetime", zone),
            fields.Timestamp("end_datetime", zone),
            fields.String("location"),
            fields.Strings("attendees"),
            fields.String("category"),
            fields.Int("reminder_minutes", AppointmentDraft.DefaultReminderMinutes));
    }

    /// <summary>A stored appointment as the body that would recreate it: what a PATCH merges into.</summary>
    public static JsonObject ToJson(PersonalAppointment appointment, DateTimeZone zone) => new()
    {
        ["title"] = appointment.Title,
        ["description"] = appointment.Description,
        ["start_datetime"] = ZonedTime.Format(appointment.StartAt, zone),
        ["end_datetime"] = ZonedTime.Format(appointment.EndAt, zone),
        ["location"] = appointment.Location,
        ["attendees"] = new JsonArray([.. appointment.Attendees.Select(a => (JsonNode?)JsonValue.Create(a))]),
        ["category"] = appointment.Category,
        ["reminder_minutes"] = appointment.ReminderMinutes,
    };
}
