using Conversa.Core.Personal;
using Conversa.Core.Time;
using Conversa.Infrastructure.Personal;
using NodaTime;

namespace Conversa.Api.Features.Personal;

/// <summary>An appointment as the API shows it: times with the tenant's offset, and the caller's overlapping appointments.</summary>
public sealed record AppointmentView(
    Guid Id,
    string Title,
    string? Description,
    string StartDatetime,
    string EndDatetime,
    string? Location,
    IReadOnlyList<string> Attendees,
    string? Category,
    int? ReminderMinutes,
    string CreatedAt,
    string UpdatedAt,
    IReadOnlyList<AppointmentConflictView> Conflicts)
{
    public static AppointmentView From(AppointmentEntry entry, DateTimeZone zone)
    {
        var a = entry.Appointment;
        return new(a.Id, a.Title, a.Description, ZonedTime.Format(a.StartAt, zone), ZonedTime.Format(a.EndAt, zone), a.Location,
            a.Attendees, a.Category, a.ReminderMinutes, ZonedTime.Format(a.CreatedAt, zone), ZonedTime.Format(a.UpdatedAt, zone),
            entry.Conflicts.Select(c => AppointmentConflictView.From(c, zone)).ToList());
    }
}

/// <summary>Another appointment of the same user that shares time with the one shown.</summary>
public sealed record AppointmentConflictView(Guid Id, string Title, string StartDatetime, string EndDatetime)
{
    public static AppointmentConflictView From(PersonalAppointment a, DateTimeZone zone) =>
        new(a.Id, a.Title, ZonedTime.Format(a.StartAt, zone), ZonedTime.Format(a.EndAt, zone));
}
