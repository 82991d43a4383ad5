using System.Globalization;
using System.Text;
using NodaTime;

namespace Conversa.Core.Booking;

/// <summary>One event of an iCalendar file.</summary>
public sealed record IcsEvent(
    string Uid, Instant Stamp, Instant Start, Instant End, string Summary, string? Description, bool Cancelled, int Sequence = 0,
    Instant? LastModified = null);

/// <summary>
/// Writes an RFC 5545 calendar with one VEVENT: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
/// character), TEXT values escaped (backslash, semicolon, comma, newline), times in UTC.
/// </summary>
public static class IcsWriter
{
    public const string ContentType = "text/calendar";
    private const int MaxOctets = 75;

    public static string Write(IcsEvent e)
    {
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//Conversa//Booking//EN");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        Line(ics, "BEGIN:VEVENT");
        Line(ics, "UID:" + Escape(e.Uid));
        Line(ics, "DTSTAMP:" + Utc(e.Stamp));
        Line(ics, "DTSTART:" + Utc(e.Start));
        Line(ics, "DTEND:" + Utc(e.End));
        Line(ics, "SUMMARY:" + Escape(e.Summary));
        if (!string.IsNullOrEmpty(e.Description))
        {
            Line(ics, "DESCRIPTION:" + Escape(e.Description));
        }
        Line(ics, "STATUS:" + (e.Cancelled ? "CANCELLED" : "CONFIRMED"));
        Line(ics, "SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
        if (e.LastModified is { } modified)
        {
            Line(ics, "LAST-MODIFIED:" + Utc(modified));
        }
        Line(ics, "END:VEVENT");
        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    /// <summary>RFC 5545 §3.3.11: backslash, semicolon and comma are escaped; any line break becomes <c>\n</c>.</summary>
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\n", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Utc(Instant instant) =>
        instant.InUtc().LocalDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "Z";

    /// <summary>RFC 5545 §3.1: a line longer than 75 octets continues on the next line after CRLF and one space.</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > MaxOctets)
            {
                ics.Append("\r\n ");
                octets = 1; // the leading space counts towards the next line's 75
            }
            ics.Append(line, i, length);
            octets += size;
            i += length - 1;
        }
        ics.Append("\r\n");
    }
}
