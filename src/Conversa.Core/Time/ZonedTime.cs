using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Conversa.Core.Time;

/// <summary>
/// Timestamps as API.md has them: ISO 8601 with an offset (<c>2026-11-22T10:00:00-05:00</c>), or a local
/// time without one read in the tenant's IANA zone. A local time that falls in a daylight-saving gap moves
/// forward by the gap; one that occurs twice (the autumn hour) means its first occurrence.
/// </summary>
public static class ZonedTime
{
    private static readonly OffsetDateTimePattern WithOffset = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>");
    private static readonly OffsetDateTimePattern WithOffsetMinutes = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>");
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF");
    private static readonly LocalDateTimePattern LocalMinutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly OffsetDateTimePattern Output = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<Z+HH:mm>");

    public static DateTimeZone Zone(string? timezone) =>
        timezone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(timezone) is { } zone ? zone : DateTimeZone.Utc;

    /// <summary>Parses a timestamp with offset (or <c>Z</c>), or a local one, in <paramref name="zone"/>; seconds are optional in both.</summary>
    public static bool TryParse(string? text, DateTimeZone zone, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim().Replace(' ', 'T');
        if ((WithOffset.Parse(text) is { Success: true } full ? full : WithOffsetMinutes.Parse(text)) is { Success: true } offset)
        {
            instant = offset.Value.ToInstant();
            return true;
        }
        var local = Local.Parse(text);
        if (!local.Success)
        {
            local = LocalMinutes.Parse(text);
        }
        if (!local.Success)
        {
            return false;
        }
        instant = zone.ResolveLocal(local.Value, Resolvers.LenientResolver).ToInstant();
        return true;
    }

    /// <summary>A date (<c>2026-11-22</c>) as the instant its day starts in <paramref name="zone"/>, or a full timestamp.</summary>
    public static bool TryParseDateOrTime(string? text, DateTimeZone zone, out Instant instant)
    {
        if (text is not null && LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } date)
        {
            instant = zone.AtStartOfDay(date.Value).ToInstant();
            return true;
        }
        return TryParse(text, zone, out instant);
    }

    /// <summary>An instant as ISO 8601 with the zone's offset at that moment, to the second.</summary>
    public static string Format(Instant instant, DateTimeZone zone) => Output.Format(instant.InZone(zone).ToOffsetDateTime());

    public static string Format(DateTime utc, DateTimeZone zone) => Format(Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone);

    public static string FormatDate(LocalDate date) => date.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture);
}
