using Conversa.Core.Booking;
using Conversa.Core.Time;
using FluentAssertions;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Conversa.Core.Tests.Booking;

public class SlotFinderTests
{
    private static readonly DateTimeZone Bogota = ZonedTime.Zone("America/Bogota");
    private static readonly DateTimeZone Madrid = ZonedTime.Zone("Europe/Madrid");
    private static readonly DateTimeZone NewYork = ZonedTime.Zone("America/New_York");

    private static Instant At(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).Value.ToInstant();

    private static LocalTime T(string hhmm) => LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Parse(hhmm).Value;

    private static WorkingHours Weekly(IsoDayOfWeek day, params (string Start, string End)[] blocks) =>
        new(blocks.Select(b => new WeeklyBlock(day, T(b.Start), T(b.End))), []);

    private static List<string> Starts(IEnumerable<Slot> slots, DateTimeZone zone) => slots.Select(s => ZonedTime.Format(s.Start, zone)).ToList();

    private static SlotSearch Search(
        WorkingHours hours, DateTimeZone zone, int minutes, string from, string to, int step = 15, int buffer = 0, params Interval[] busy) =>
        new(hours, zone, Duration.FromMinutes(minutes), Duration.FromMinutes(buffer), Duration.FromMinutes(step), At(from), At(to), busy);

    [Fact]
    public void Slots_step_from_the_block_start_and_end_by_the_block_end()
    {
        var hours = Weekly(IsoDayOfWeek.Monday, ("09:00", "13:00"));
        var slots = SlotFinder.FreeSlots(Search(hours, Bogota, 60, "2026-11-23T00:00:00-05:00", "2026-11-24T00:00:00-05:00"));
        Starts(slots, Bogota).Should().HaveCount(13).And.StartWith("2026-11-23T09:00:00-05:00").And.EndWith("2026-11-23T12:00:00-05:00");
        slots[^1].End.Should().Be(At("2026-11-23T13:00:00-05:00"));
        // Tuesday has no hours, and a 5-hour service does not fit a 4-hour block.
        SlotFinder.FreeSlots(Search(hours, Bogota, 60, "2026-11-24T00:00:00-05:00", "2026-11-25T00:00:00-05:00")).Should().BeEmpty();
        SlotFinder.FreeSlots(Search(hours, Bogota, 300, "2026-11-23T00:00:00-05:00", "2026-11-24T00:00:00-05:00")).Should().BeEmpty();
    }

    [Fact]
    public void A_block_start_that_is_not_on_the_hour_sets_the_alignment()
    {
        var hours = Weekly(IsoDayOfWeek.Monday, ("09:10", "10:40"));
        Starts(SlotFinder.FreeSlots(Search(hours, Bogota, 30, "2026-11-23T00:00:00-05:00", "2026-11-24T00:00:00-05:00", step: 20)), Bogota)
            .Should().Equal("2026-11-23T09:10:00-05:00", "2026-11-23T09:30:00-05:00", "2026-11-23T09:50:00-05:00", "2026-11-23T10:10:00-05:00");
    }

    [Fact]
    public void Bookings_and_both_buffers_keep_slots_away()
    {
        var hours = Weekly(IsoDayOfWeek.Monday, ("09:00", "13:00"));
        // A booking 10:00-11:00 whose service keeps 15 minutes free after it.
        var busy = new Interval(At("2026-11-23T10:00:00-05:00"), At("2026-11-23T11:15:00-05:00"));
        var slots = SlotFinder.FreeSlots(Search(hours, Bogota, 60, "2026-11-23T00:00:00-05:00", "2026-11-24T00:00:00-05:00", buffer: 15, busy: busy));
        // 09:00-10:00 would need its own buffer until 10:15, which runs into the booking.
        Starts(slots, Bogota).Should().Equal(
            "2026-11-23T11:15:00-05:00", "2026-11-23T11:30:00-05:00", "2026-11-23T11:45:00-05:00", "2026-11-23T12:00:00-05:00");
        var noBuffer = SlotFinder.FreeSlots(Search(hours, Bogota, 60, "2026-11-23T00:00:00-05:00", "2026-11-24T00:00:00-05:00", busy: busy));
        Starts(noBuffer, Bogota).Should().StartWith("2026-11-23T09:00:00-05:00").And.Contain("2026-11-23T11:15:00-05:00")
            .And.NotContain("2026-11-23T09:15:00-05:00").And.NotContain("2026-11-23T11:00:00-05:00");
    }

    [Fact]
    public void Overlapping_and_unordered_busy_intervals_are_merged()
    {
        var hours = Weekly(IsoDayOfWeek.Monday, ("09:00", "13:00"));
        var busy = new[]
        {
            new Interval(At("2026-11-23T11:00:00-05:00"), At("2026-11-23T12:00:00-05:00")),
            new Interval(At("2026-11-23T09:00:00-05:00"), At("2026-11-23T10:30:00-05:00")),
            new Interval(At("2026-11-23T10:00:00-05:00"), At("2026-11-23T10:45:00-05:00")),
        };
        Starts(SlotFinder.FreeSlots(Search(hours, Bogota, 15, "2026-11-23T00:00:00-05:00", "2026-11-24T00:00:00-05:00", busy: busy)), Bogota)
            .Should().Equal("2026-11-23T10:45:00-05:00", "2026-11-23T12:00:00-05:00", "2026-11-23T12:15:00-05:00",
                "2026-11-23T12:30:00-05:00", "2026-11-23T12:45:00-05:00");
    }

    [Fact]
    public void An_exception_replaces_the_weekly_hours_of_its_date()
    {
        var hours = new WorkingHours(
            [new WeeklyBlock(IsoDayOfWeek.Monday, T("09:00"), T("12:00"))],
            [new DatedBlock(new LocalDate(2026, 11, 23), null, null), new DatedBlock(new LocalDate(2026, 11, 30), T("15:00"), T("16:00"))]);
        SlotFinder.FreeSlots(Search(hours, Bogota, 60, "2026-11-23T00:00:00-05:00", "2026-11-24T00:00:00-05:00")).Should().BeEmpty();
        Starts(SlotFinder.FreeSlots(Search(hours, Bogota, 60, "2026-11-30T00:00:00-05:00", "2026-12-01T00:00:00-05:00")), Bogota)
            .Should().Equal("2026-11-30T15:00:00-05:00");
        Starts(SlotFinder.FreeSlots(Search(hours, Bogota, 60, "2026-12-07T00:00:00-05:00", "2026-12-08T00:00:00-05:00", step: 60)), Bogota)
            .Should().Equal("2026-12-07T09:00:00-05:00", "2026-12-07T10:00:00-05:00", "2026-12-07T11:00:00-05:00");
    }

    [Fact]
    public void Only_starts_inside_the_window_are_offered()
    {
        var hours = Weekly(IsoDayOfWeek.Monday, ("09:00", "13:00"));
        Starts(SlotFinder.FreeSlots(Search(hours, Bogota, 60, "2026-11-23T10:20:00-05:00", "2026-11-23T11:00:00-05:00")), Bogota)
            .Should().Equal("2026-11-23T10:30:00-05:00", "2026-11-23T10:45:00-05:00");
    }

    [Fact]
    public void Madrid_spring_gap_has_no_slots_and_real_durations()
    {
        // 2026-03-29 (Sunday): 02:00 CET jumps to 03:00 CEST.
        var hours = Weekly(IsoDayOfWeek.Sunday, ("01:00", "04:00"));
        var slots = SlotFinder.FreeSlots(Search(hours, Madrid, 60, "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", step: 30));
        Starts(slots, Madrid).Should().Equal("2026-03-29T01:00:00+01:00", "2026-03-29T01:30:00+01:00", "2026-03-29T03:00:00+02:00");
        // 01:30 CET + 60 real minutes is 03:30 CEST.
        ZonedTime.Format(slots[1].End, Madrid).Should().Be("2026-03-29T03:30:00+02:00");
        slots.Should().OnlyContain(s => s.End - s.Start == Duration.FromMinutes(60));
    }

    [Fact]
    public void Madrid_autumn_repeated_hour_is_offered_once()
    {
        // 2026-10-25 (Sunday): 03:00 CEST falls back to 02:00 CET, so 02:00-02:59 happens twice.
        var hours = Weekly(IsoDayOfWeek.Sunday, ("01:00", "04:00"));
        var slots = SlotFinder.FreeSlots(Search(hours, Madrid, 60, "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00", step: 30));
        Starts(slots, Madrid).Should().Equal(
            "2026-10-25T01:00:00+02:00", "2026-10-25T01:30:00+02:00", "2026-10-25T02:00:00+02:00", "2026-10-25T02:30:00+02:00",
            "2026-10-25T03:00:00+01:00");
        slots.Select(s => s.Start).Should().OnlyHaveUniqueItems();
        // The block really lasts four hours (01:00 CEST to 04:00 CET): the last slot ends at its end.
        ZonedTime.Format(slots[^1].End, Madrid).Should().Be("2026-10-25T04:00:00+01:00");
    }

    [Fact]
    public void New_york_blocks_crossing_two_oclock_on_both_changes()
    {
        var hours = Weekly(IsoDayOfWeek.Sunday, ("00:00", "04:00"));
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT; the block holds three real hours.
        Starts(SlotFinder.FreeSlots(Search(hours, NewYork, 60, "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", step: 60)), NewYork)
            .Should().Equal("2026-03-08T00:00:00-05:00", "2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00");
        // 2026-11-01: 02:00 EDT falls back to 01:00 EST; 01:00 is offered once, at its first occurrence.
        Starts(SlotFinder.FreeSlots(Search(hours, NewYork, 60, "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", step: 60)), NewYork)
            .Should().Equal("2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T02:00:00-05:00", "2026-11-01T03:00:00-05:00");
    }

    [Fact]
    public void A_booking_across_the_gap_counts_real_minutes()
    {
        // 01:30 EST + 90 minutes is 04:00 EDT: it fits a 00:00-04:00 block on the spring day, 01:45 does not.
        var hours = Weekly(IsoDayOfWeek.Sunday, ("00:00", "04:00"));
        SlotFinder.WithinHours(hours, NewYork, At("2026-03-08T01:30:00-05:00"), At("2026-03-08T01:30:00-05:00") + Duration.FromMinutes(90))
            .Should().BeTrue();
        SlotFinder.WithinHours(hours, NewYork, At("2026-03-08T01:45:00-05:00"), At("2026-03-08T01:45:00-05:00") + Duration.FromMinutes(90))
            .Should().BeFalse();
    }

    [Fact]
    public void Check_names_why_a_start_is_refused()
    {
        var hours = Weekly(IsoDayOfWeek.Monday, ("09:00", "13:00"));
        var busy = new[] { new Interval(At("2026-11-23T10:00:00-05:00"), At("2026-11-23T11:00:00-05:00")) };
        var earliest = At("2026-11-23T08:30:00-05:00");
        var latest = At("2026-11-30T00:00:00-05:00");
        SlotRefusal? Check(string start, int buffer = 0) =>
            SlotFinder.Check(hours, Bogota, At(start), Duration.FromMinutes(60), Duration.FromMinutes(buffer), busy, earliest, latest);

        Check("2026-11-23T11:00:00-05:00").Should().BeNull();
        Check("2026-11-23T11:07:00-05:00").Should().BeNull("any start within hours is bookable, not only listed slots");
        Check("2026-11-23T08:00:00-05:00").Should().Be(SlotRefusal.TooSoon);
        Check("2026-12-07T09:00:00-05:00").Should().Be(SlotRefusal.TooFar);
        Check("2026-11-23T12:30:00-05:00").Should().Be(SlotRefusal.OutsideHours);
        Check("2026-11-24T10:00:00-05:00").Should().Be(SlotRefusal.OutsideHours);
        Check("2026-11-23T10:30:00-05:00").Should().Be(SlotRefusal.Taken);
        Check("2026-11-23T09:00:00-05:00").Should().BeNull();
        Check("2026-11-23T09:00:00-05:00", buffer: 15).Should().Be(SlotRefusal.Taken, "its buffer would run into the 10:00 booking");
    }
}
