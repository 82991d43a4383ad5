using System.Text;
using Conversa.Core.Booking;
using FluentAssertions;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Conversa.Core.Tests.Booking;

public class IcsWriterTests
{
    private static Instant At(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    private static IcsEvent Event(string summary = "Botox", string? description = null, bool cancelled = false) =>
        new("0191-abc@conversa", At("2026-11-22T12:00:00Z"), At("2026-11-23T15:00:00Z"), At("2026-11-23T15:30:00Z"), summary, description, cancelled, 2);

    [Fact]
    public void An_event_has_crlf_lines_and_utc_times()
    {
        var ics = IcsWriter.Write(Event());
        ics.Should().StartWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").And.EndWith("END:VEVENT\r\nEND:VCALENDAR\r\n");
        ics.Replace("\r\n", "", StringComparison.Ordinal).Should().NotContain("\n").And.NotContain("\r");
        ics.Should().Contain("\r\nUID:0191-abc@conversa\r\n")
            .And.Contain("\r\nDTSTAMP:20261122T120000Z\r\n")
            .And.Contain("\r\nDTSTART:20261123T150000Z\r\n")
            .And.Contain("\r\nDTEND:20261123T153000Z\r\n")
            .And.Contain("\r\nSUMMARY:Botox\r\n")
            .And.Contain("\r\nSTATUS:CONFIRMED\r\n")
            .And.Contain("\r\nSEQUENCE:2\r\n");
        IcsWriter.Write(Event(cancelled: true)).Should().Contain("\r\nSTATUS:CANCELLED\r\n");
        ics.Should().NotContain("DESCRIPTION");
    }

    [Fact]
    public void Text_escapes_backslash_semicolon_comma_and_newlines()
    {
        IcsWriter.Escape("a\\b;c,d\ne\r\nf").Should().Be("a\\\\b\\;c\\,d\\ne\\nf");
        IcsWriter.Write(Event("Limpieza, facial; sala 2")).Should().Contain("\r\nSUMMARY:Limpieza\\, facial\\; sala 2\r\n");
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_character()
    {
        var description = string.Concat(Enumerable.Repeat("Depilación láser — señora Núñez 😀 ", 8));
        var ics = IcsWriter.Write(Event(description: description));
        var lines = ics.Split("\r\n");
        lines.Should().OnlyContain(l => Encoding.UTF8.GetByteCount(l) <= 75);
        lines.Count(l => l.StartsWith(' ')).Should().BeGreaterThan(3);
        // Unfolding (drop CRLF + one space) gives back the escaped value exactly.
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal);
        unfolded.Should().Contain("DESCRIPTION:" + IcsWriter.Escape(description) + "\r\n");
        Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(ics)).Should().Be(ics, "no surrogate pair was split");
    }
}
