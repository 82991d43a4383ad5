using System.Text.Json.Nodes;
using Conversa.Core.Booking;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Conversa.Core.Tests.Booking;

public class BookingPolicyTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 12, 0);

    [Fact]
    public void Missing_settings_take_the_defaults()
    {
        var policy = BookingPolicy.From(null);
        policy.Should().Be(BookingPolicy.From([]));
        policy.MinAdvanceMinutes.Should().Be(60);
        policy.MaxAdvanceDays.Should().Be(60);
        policy.SlotStepMinutes.Should().Be(15);
        policy.CancellationMinutes.Should().Be(0);
        policy.ReminderMinutes.Should().Be(1440);
        policy.EarliestStart(Now).Should().Be(Now + Duration.FromHours(1));
        policy.LatestStart(Now).Should().Be(Now + Duration.FromDays(60));
    }

    [Fact]
    public void Settings_are_read_and_zero_or_null_turn_reminders_off()
    {
        var policy = BookingPolicy.From(JsonNode.Parse("""{"min_advance_minutes": 0, "max_advance_days": 7, "cancellation_minutes": 120, "slot_step_minutes": 30, "reminder_minutes": 90}""")!.AsObject());
        policy.Should().Be(new BookingPolicy(0, 7, 120, 30, 90));
        BookingPolicy.From(JsonNode.Parse("""{"reminder_minutes": 0}""")!.AsObject()).ReminderMinutes.Should().BeNull();
        BookingPolicy.From(JsonNode.Parse("""{"reminder_minutes": null}""")!.AsObject()).ReminderMinutes.Should().BeNull();
        BookingPolicy.From(JsonNode.Parse("""{"min_advance_minutes": "soon"}""")!.AsObject()).MinAdvanceMinutes.Should().Be(60);
    }

    [Fact]
    public void A_reminder_whose_time_has_passed_is_not_planned()
    {
        var policy = new BookingPolicy(ReminderMinutes: 1440);
        policy.ReminderDue(Now + Duration.FromDays(3), Now).Should().Be(Now + Duration.FromDays(2));
        policy.ReminderDue(Now + Duration.FromHours(5), Now).Should().BeNull();
        new BookingPolicy(ReminderMinutes: null).ReminderDue(Now + Duration.FromDays(3), Now).Should().BeNull();
    }

    [Fact]
    public void The_cancellation_window_closes_before_the_start()
    {
        var start = Now + Duration.FromHours(3);
        new BookingPolicy(CancellationMinutes: 120).InsideCancellationWindow(start, Now).Should().BeFalse();
        new BookingPolicy(CancellationMinutes: 240).InsideCancellationWindow(start, Now).Should().BeTrue();
        new BookingPolicy(CancellationMinutes: 0).InsideCancellationWindow(Now - Duration.FromHours(1), Now).Should().BeFalse("0 means no window");
    }
}
