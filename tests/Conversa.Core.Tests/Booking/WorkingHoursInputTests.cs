using Conversa.Core.Booking;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Conversa.Core.Tests.Booking;

public class WorkingHoursInputTests
{
    private static List<string> Fields(WorkingHoursInput input) => input.Validate(out _).Select(e => e.Field).ToList();

    [Fact]
    public void Valid_hours_round_trip_through_their_stored_form()
    {
        var input = new WorkingHoursInput(
            [new(1, "09:00", "13:00"), new(1, "14:00", "18:00"), new(6, "09:00", "12:30")],
            [new("2026-12-24", Closed: true), new("2026-12-31", Start: "09:00", End: "11:00"), new("2026-12-31", Start: "12:00", End: "13:00")]);
        input.Validate(out var hours).Should().BeEmpty();
        var stored = WorkingHours.FromJson(hours!.ToJson());
        stored.ToJson().Should().Be(hours.ToJson());
        stored.BlocksOn(new LocalDate(2026, 11, 23)).Should().HaveCount(2, "a Monday");
        stored.BlocksOn(new LocalDate(2026, 12, 24)).Should().BeEmpty("closed, though a Thursday");
        stored.BlocksOn(new LocalDate(2026, 12, 31)).Select(b => b.Start).Should().Equal(new LocalTime(9, 0), new LocalTime(12, 0));
        stored.BlocksOn(new LocalDate(2026, 11, 22)).Should().BeEmpty("a Sunday");
        hours.ToJson().Should().Contain("\"day_of_week\":1").And.Contain("\"closed\":true");
    }

    [Fact]
    public void Times_days_and_dates_are_checked_field_by_field()
    {
        Fields(new WorkingHoursInput([new(0, "9:00", "13:00"), new(8, "09:00", "25:00"), new(null, null, "10:00")], null))
            .Should().BeEquivalentTo("weekly[0].day_of_week", "weekly[0].start", "weekly[1].day_of_week", "weekly[1].end",
                "weekly[2].day_of_week", "weekly[2].start");
        Fields(new WorkingHoursInput([new(2, "13:00", "09:00"), new(3, "10:00", "10:00")], null))
            .Should().Equal("weekly[0].end", "weekly[1].end");
        Fields(new WorkingHoursInput(null, [new("24/12/2026", Closed: true), new("2026-02-30", Start: "09:00", End: "10:00"),
            new("2026-12-25", Closed: true, Start: "09:00")]))
            .Should().Equal("exceptions[0].date", "exceptions[1].date", "exceptions[2].closed");
        Fields(new WorkingHoursInput(null, [new("2026-12-26")])).Should().Equal("exceptions[0].start", "exceptions[0].end");
    }

    [Fact]
    public void Blocks_of_one_day_must_not_overlap()
    {
        Fields(new WorkingHoursInput([new(1, "09:00", "17:00"), new(1, "10:00", "11:00"), new(1, "12:00", "13:00"), new(2, "10:00", "11:00")], null))
            .Should().Equal("weekly[1].start", "weekly[2].start");
        Fields(new WorkingHoursInput([new(1, "09:00", "12:00"), new(1, "12:00", "13:00")], null)).Should().BeEmpty("touching blocks do not overlap");
        Fields(new WorkingHoursInput(null, [new("2026-12-31", Start: "09:00", End: "11:00"), new("2026-12-31", Start: "10:00", End: "12:00")]))
            .Should().Equal("exceptions[1].start");
        Fields(new WorkingHoursInput(null, [new("2026-12-31", Closed: true), new("2026-12-31", Start: "10:00", End: "12:00")]))
            .Should().Equal("exceptions[0].closed");
    }

    [Fact]
    public void Lists_are_bounded()
    {
        var many = Enumerable.Range(0, WorkingHoursInput.MaxWeekly + 1).Select(_ => new WeeklyBlockInput(1, "09:00", "10:00")).ToList();
        Fields(new WorkingHoursInput(many, null)).Should().Equal("weekly");
    }
}
