using NodaTime;
using NodaTime.Text;
using Conversa.Core.Time;

namespace Conversa.Core.Personal;

/// <summary>
/// A task's <c>due_date</c>: a timestamp (with offset, or local in the tenant's zone), or a bare date, which
/// means the end of that day in the tenant's zone (its last second, 23:59:59 local, whatever the day's length).
/// A date-only due date keeps that fact (<c>due_all_day</c>), so it can be shown and edited as a date again.
/// </summary>
public static class DueDate
{
    public static bool TryParse(string? text, DateTimeZone zone, out DateTimeOffset due, out bool allDay)
    {
        due = default;
        allDay = false;
        if (text is not null && LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } date)
        {
            due = EndOfDay(date.Value, zone);
            allDay = true;
            return true;
        }
        if (ZonedTime.TryParse(text, zone, out var instant))
        {
            due = instant.ToDateTimeOffset();
            return true;
        }
        return false;
    }

    /// <summary>The last second of <paramref name="date"/> in <paramref name="zone"/> (DST days included).</summary>
    public static DateTimeOffset EndOfDay(LocalDate date, DateTimeZone zone) =>
        zone.AtStartOfDay(date.PlusDays(1)).ToInstant().Minus(Duration.FromSeconds(1)).ToDateTimeOffset();

    /// <summary>The local date a due instant falls on, for showing an all-day due date as a date.</summary>
    public static LocalDate LocalDateOf(DateTime utc, DateTimeZone zone) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).Date;
}
