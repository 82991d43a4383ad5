using Conversa.Core.Time;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Conversa.Core.Tests.Time;

public class ZonedTimeTests
{
    private static readonly DateTimeZone Bogota = ZonedTime.Zone("America/Bogota");
    private static readonly DateTimeZone Madrid = ZonedTime.Zone("Europe/Madrid");

    [Theory]
    [InlineData("2026-11-22T10:00:00-05:00", "2026-11-22T15:00:00Z")]
    [InlineData("2026-11-22T15:00:00Z", "2026-11-22T15:00:00Z")]
    [InlineData("2026-11-22T10:00:00", "2026-11-22T15:00:00Z")]
    [InlineData("2026-11-22T10:00", "2026-11-22T15:00:00Z")]
    [InlineData("2026-11-22 10:00", "2026-11-22T15:00:00Z")]
    [InlineData("2026-11-22T10:00:00.5+01:00", "2026-11-22T09:00:00.5Z")]
    [InlineData("2026-11-22T10:00-05:00", "2026-11-22T15:00:00Z")]
    [InlineData("2026-11-22T15:00Z", "2026-11-22T15:00:00Z")]
    public void Reads_offsets_and_local_times_in_the_zone(string text, string expected)
    {
        ZonedTime.TryParse(text, Bogota, out var instant).Should().BeTrue();
        instant.Should().Be(NodaTime.Text.InstantPattern.ExtendedIso.Parse(expected).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tomorrow")]
    [InlineData("2026-13-01T10:00")]
    [InlineData("2026-11-22T25:00")]
    public void Refuses_what_is_not_a_timestamp(string text) => ZonedTime.TryParse(text, Bogota, out _).Should().BeFalse();

    [Fact]
    public void A_local_time_in_the_spring_gap_moves_forward_and_the_autumn_hour_means_the_first()
    {
        // Madrid skips 02:00-03:00 on 2026-03-29 and repeats 02:00-03:00 on 2026-10-25.
        ZonedTime.TryParse("2026-03-29T02:30", Madrid, out var gap).Should().BeTrue();
        ZonedTime.Format(gap, Madrid).Should().Be("2026-03-29T03:30:00+02:00");
        ZonedTime.TryParse("2026-10-25T02:30", Madrid, out var twice).Should().BeTrue();
        ZonedTime.Format(twice, Madrid).Should().Be("2026-10-25T02:30:00+02:00");
    }

    [Fact]
    public void Formats_with_the_offset_of_the_moment_and_reads_dates_as_the_start_of_the_day()
    {
        ZonedTime.TryParseDateOrTime("2026-07-01", Madrid, out var summer).Should().BeTrue();
        ZonedTime.Format(summer, Madrid).Should().Be("2026-07-01T00:00:00+02:00");
        ZonedTime.Format(summer, DateTimeZone.Utc).Should().Be("2026-06-30T22:00:00Z");
        ZonedTime.Zone("Not/AZone").Should().Be(DateTimeZone.Utc);
    }
}
