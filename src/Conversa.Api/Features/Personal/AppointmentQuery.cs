using Conversa.Api.Hosting;
using Conversa.Infrastructure.Personal;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Conversa.Api.Features.Personal;

/// <summary>
/// Filters of <c>GET /api/personal/appointments</c>: <c>from</c>, <c>to</c> (appointments sharing time with the window),
/// <c>upcoming_days=N</c> (from now to N days ahead), <c>category</c> (ignoring case and accents).
/// </summary>
public sealed record AppointmentQuery(
    string? From,
    string? To,
    [FromQuery(Name = "upcoming_days")] string? UpcomingDays,
    string? Category)
{
    public AppointmentFilter ToFilter(DateTimeZone zone, ValidationErrors errors)
    {
        var (from, to) = AgendaQueryText.Window(From, To, zone, errors);
        var days = AgendaQueryText.UpcomingDays(UpcomingDays, from is not null || to is not null, errors);
        return new AppointmentFilter(from, to, days, AgendaQueryText.Category(Category, errors));
    }
}
