using System.Globalization;
using Conversa.Api.Hosting;
using Conversa.Core.Time;
using NodaTime;
using NodaTime.Text;

namespace Conversa.Api.Features.Personal;

/// <summary>
/// Query-string values of the personal lists, read as text so a bad value is a field error:
/// <c>from</c>/<c>to</c> take a date (whole days in the tenant's zone, <c>to</c> inclusive) or a date-time,
/// <c>upcoming_days</c> a whole number of days.
/// </summary>
internal static class AgendaQueryText
{
    public const int MaxUpcomingDays = 366;

    /// <summary>The window <c>[from, to)</c>: a date <c>to</c> reaches the end of that day.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) Window(string? from, string? to, DateTimeZone zone, ValidationErrors errors)
    {
        DateTimeOffset? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (ZonedTime.TryParseDateOrTime(from, zone, out var instant))
            {
                start = instant.ToDateTimeOffset();
            }
            else
            {
                errors.Add("from", "from must be a date (2026-11-23) or an ISO 8601 date-time.");
            }
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            if (LocalDatePattern.Iso.Parse(to.Trim()) is { Success: true } date)
            {
                end = zone.AtStartOfDay(date.Value.PlusDays(1)).ToDateTimeOffset();
            }
            else if (ZonedTime.TryParse(to, zone, out var instant))
            {
                end = instant.ToDateTimeOffset();
            }
            else
            {
                errors.Add("to", "to must be a date (2026-11-23, inclusive) or an ISO 8601 date-time.");
            }
        }
        errors.When(start is not null && end is not null && end < start, "to", "to must not be before from.");
        return (start, end);
    }

    public static int? UpcomingDays(string? text, bool hasWindow, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > MaxUpcomingDays)
        {
            errors.Add("upcoming_days", $"upcoming_days must be a whole number of days from 1 to {MaxUpcomingDays}.");
            return null;
        }
        errors.When(hasWindow, "upcoming_days", "upcoming_days cannot be combined with from or to.");
        return days;
    }

    public static string? Category(string? text, ValidationErrors errors)
    {
        var category = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        errors.When(category?.Length > Core.Personal.PersonalText.MaxCategoryLength, "category",
            $"category is at most {Core.Personal.PersonalText.MaxCategoryLength} characters.");
        return category;
    }
}
