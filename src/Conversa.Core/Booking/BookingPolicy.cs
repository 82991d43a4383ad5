using System.Text.Json.Nodes;
using NodaTime;

namespace Conversa.Core.Booking;

/// <summary>
/// The tenant's booking rules, from <c>settings.booking</c>: how soon and how far ahead a slot may be booked, the
/// slot step, how late a customer may still cancel, and how long before the start the customer is reminded.
/// A missing value takes its default; <c>reminder_minutes</c> of 0 or null means no reminder.
/// </summary>
public sealed record BookingPolicy(
    int MinAdvanceMinutes = BookingPolicy.DefaultMinAdvanceMinutes,
    int MaxAdvanceDays = BookingPolicy.DefaultMaxAdvanceDays,
    int CancellationMinutes = 0,
    int SlotStepMinutes = BookingPolicy.DefaultSlotStepMinutes,
    int? ReminderMinutes = BookingPolicy.DefaultReminderMinutes)
{
    public const int DefaultMinAdvanceMinutes = 60;
    public const int DefaultMaxAdvanceDays = 60;
    public const int DefaultSlotStepMinutes = 15;
    public const int DefaultReminderMinutes = 1440;

    public static readonly BookingPolicy Default = new();

    public static BookingPolicy From(JsonObject? booking)
    {
        if (booking is null)
        {
            return Default;
        }
        int? reminder = DefaultReminderMinutes;
        if (booking.TryGetPropertyValue("reminder_minutes", out var node))
        {
            reminder = node is null ? null : Int(node, DefaultReminderMinutes);
        }
        return new BookingPolicy(
            Math.Max(0, Int(booking["min_advance_minutes"], DefaultMinAdvanceMinutes)),
            Math.Max(1, Int(booking["max_advance_days"], DefaultMaxAdvanceDays)),
            Math.Max(0, Int(booking["cancellation_minutes"], 0)),
            Math.Max(1, Int(booking["slot_step_minutes"], DefaultSlotStepMinutes)),
            reminder is > 0 ? reminder : null);
    }

    public Duration SlotStep => Duration.FromMinutes(SlotStepMinutes);

    /// <summary>The first instant a booking may start at, seen at <paramref name="now"/>.</summary>
    public Instant EarliestStart(Instant now) => now + Duration.FromMinutes(MinAdvanceMinutes);

    /// <summary>The last instant a booking may start at, seen at <paramref name="now"/>.</summary>
    public Instant LatestStart(Instant now) => now + Duration.FromDays(MaxAdvanceDays);

    /// <summary>Whether it is too late for a customer to cancel a booking starting at <paramref name="start"/>.</summary>
    public bool InsideCancellationWindow(Instant start, Instant now) =>
        CancellationMinutes > 0 && now > start - Duration.FromMinutes(CancellationMinutes);

    /// <summary>When to remind the customer, or null: no reminder wanted, or its time has passed already (it would be noise).</summary>
    public Instant? ReminderDue(Instant start, Instant now) =>
        ReminderMinutes is { } minutes && start - Duration.FromMinutes(minutes) is var due && due > now ? due : null;

    private static int Int(JsonNode? node, int fallback) =>
        node is JsonValue value && value.TryGetValue<int>(out var number) ? number : fallback;
}
