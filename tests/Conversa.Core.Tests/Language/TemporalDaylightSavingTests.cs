using Conversa.Core.Language;
using Conversa.Core.Time;
using NodaTime;
using NodaTime.Text;

namespace Conversa.Core.Tests.Language;

/// <summary>Days on which the clocks change, and the turn of the year.</summary>
public sealed class TemporalDaylightSavingTests
{
    private static readonly DateTimeZone Madrid = ZonedTime.Zone("Europe/Madrid");
    private static readonly DateTimeZone NewYork = ZonedTime.Zone("America/New_York");

    private static Instant At(string offsetDateTime) => OffsetDateTimePattern.ExtendedIso.Parse(offsetDateTime).Value.ToInstant();

    private static string Resolve(string text, string language, string now, DateTimeZone zone) =>
        TemporalFormat.Describe(TemporalResolver.Find(text, new TemporalContext(At(now), zone, language)));

    // Madrid springs forward on Sunday 2026-03-29: 02:00 CET becomes 03:00 CEST.
    [Theory]
    [InlineData("mañana a las 10", "2026-03-29T10:00+02:00 assumed")]
    [InlineData("mañana a las 02:30", "2026-03-29T03:30+02:00")]
    [InlineData("mañana a las 2:30 de la madrugada", "2026-03-29T03:30+02:00")]
    [InlineData("mañana a las 01:30", "2026-03-29T01:30+01:00")]
    [InlineData("pasado mañana a las 9", "2026-03-30T09:00+02:00 assumed")]
    [InlineData("en 8 horas", "2026-03-29T05:00+02:00")]
    public void Madrid_spring_forward(string text, string expected) =>
        Resolve(text, "es", "2026-03-28T20:00:00+01:00", Madrid).Should().Be(expected);

    [Fact]
    public void Two_hours_from_half_past_one_on_the_spring_night_are_half_past_four_local()
    {
        Resolve("en 2 horas", "es", "2026-03-29T01:30:00+01:00", Madrid).Should().Be("2026-03-29T04:30+02:00");
        Resolve("daqui a 2 horas", "pt", "2026-03-29T01:30:00+01:00", Madrid).Should().Be("2026-03-29T04:30+02:00");
    }

    // Madrid falls back on Sunday 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:00-03:00 happens twice.
    [Theory]
    [InlineData("mañana a las 02:30", "2026-10-25T02:30+02:00")]
    [InlineData("mañana a las 10", "2026-10-25T10:00+01:00 assumed")]
    [InlineData("mañana a las 00:30", "2026-10-25T00:30+02:00")]
    [InlineData("tomorrow at 11pm", "2026-10-25T23:00+01:00")]
    public void Madrid_fall_back(string text, string expected) =>
        Resolve(text, "es", "2026-10-24T20:00:00+02:00", Madrid).Should().Be(expected);

    [Fact]
    public void Two_hours_from_half_past_one_on_the_autumn_night_land_in_the_repeated_hour()
    {
        // 01:30 CEST + 2 real hours = 02:30 CET (the second 02:30 of the night).
        Resolve("en 2 horas", "es", "2026-10-25T01:30:00+02:00", Madrid).Should().Be("2026-10-25T02:30+01:00");
        Resolve("in 90 minutes", "en", "2026-10-25T01:30:00+02:00", Madrid).Should().Be("2026-10-25T02:00+01:00");
    }

    // New York springs forward on Sunday 2026-03-08: 02:00 EST becomes 03:00 EDT.
    [Theory]
    [InlineData("tomorrow at 10am", "2026-03-08T10:00-04:00")]
    [InlineData("tomorrow at 2:30am", "2026-03-08T03:30-04:00")]
    [InlineData("tomorrow at 1:30am", "2026-03-08T01:30-05:00")]
    [InlineData("tonight at 11", "2026-03-07T23:00-05:00")]
    [InlineData("next Monday 9am", "2026-03-09T09:00-04:00")]
    public void New_York_spring_forward(string text, string expected) =>
        Resolve(text, "en", "2026-03-07T18:00:00-05:00", NewYork).Should().Be(expected);

    [Fact]
    public void In_two_hours_across_the_New_York_gap_is_two_real_hours()
    {
        var now = At("2026-03-08T01:30:00-05:00");
        var found = TemporalResolver.Find("in 2 hours", new TemporalContext(now, NewYork, "en"))!;
        found.Instant.Should().Be(now.Plus(Duration.FromHours(2)));
        TemporalFormat.Describe(found).Should().Be("2026-03-08T04:30-04:00");
    }

    [Fact]
    public void The_instant_of_a_date_time_is_the_local_time_in_the_zone()
    {
        var found = TemporalResolver.Find("mañana a las 10", new TemporalContext(At("2026-03-28T20:00:00+01:00"), Madrid, "es"))!;
        found.Instant.Should().Be(Instant.FromUtc(2026, 3, 29, 8, 0));
        found.Date.Should().Be(new LocalDate(2026, 3, 29));
        found.Time.Should().Be(new LocalTime(10, 0));
    }

    // Friday 18 December 2026 at 10:00 in Madrid.
    [Theory]
    [InlineData("el 5 de enero", "es", "date 2027-01-05")]
    [InlineData("5 de janeiro", "pt", "date 2027-01-05")]
    [InlineData("January 5th", "en", "date 2027-01-05")]
    [InlineData("5/1", "es", "date 2027-01-05")]
    [InlineData("1/5", "en", "date 2027-01-05")]
    [InlineData("el 20 de diciembre", "es", "date 2026-12-20")]
    [InlineData("el 18 de diciembre", "es", "date 2026-12-18")]
    [InlineData("el 31 de diciembre a las 23:30", "es", "2026-12-31T23:30+01:00")]
    [InlineData("el día 2", "es", "date 2027-01-02")]
    [InlineData("el 29 de febrero", "es", "date 2028-02-29")]
    [InlineData("la próxima semana", "es", "2026-12-21..2026-12-27")]
    [InlineData("el mes que viene", "es", "2027-01-01..2027-01-31")]
    [InlineData("en enero", "es", "2027-01-01..2027-01-31")]
    [InlineData("este fin de semana", "es", "2026-12-19..2026-12-20")]
    [InlineData("el próximo viernes", "es", "date 2026-12-25")]
    [InlineData("el viernes", "es", "date 2026-12-18")]
    [InlineData("el viernes a las 9", "es", "2026-12-25T09:00+01:00 assumed")]
    [InlineData("este viernes a las 9", "es", "2026-12-18T09:00+01:00 assumed")]
    [InlineData("el viernes a las 5", "es", "2026-12-18T17:00+01:00 assumed")]
    [InlineData("el lunes", "es", "date 2026-12-21")]
    [InlineData("en 2 semanas", "es", "date 2027-01-01")]
    [InlineData("next week", "en", "2026-12-21..2026-12-27")]
    public void Around_the_new_year(string text, string language, string expected) =>
        Resolve(text, language, "2026-12-18T10:00:00+01:00", Madrid).Should().Be(expected);

    [Fact]
    public void A_bare_weekday_said_on_that_day_rolls_a_week_once_its_part_of_day_is_over()
    {
        // Friday 18 December at 13:00: the morning is over, the afternoon is not.
        Resolve("el viernes por la mañana", "es", "2026-12-18T13:00:00+01:00", Madrid).Should().Be("morning 2026-12-25");
        Resolve("el viernes por la tarde", "es", "2026-12-18T13:00:00+01:00", Madrid).Should().Be("afternoon 2026-12-18");
    }
}
