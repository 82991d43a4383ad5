using Conversa.Api.Hosting;
using Conversa.Core.Booking;
using Conversa.Core.Contacts;
using Conversa.Core.Time;
using NodaTime;

namespace Conversa.Api.Features.Booking;

/// <summary><c>POST /api/bookings</c>. Ids are strings so a malformed one is a field error, not a parse failure.</summary>
public sealed record NewBookingRequest(string? ServiceId, string? ProviderId, string? Start, CustomerInput? Customer, string? Notes) : IValidatable
{
    public const int MaxNotesLength = 2000;

    public void Validate(ValidationErrors errors)
    {
        BookingFields.Id(errors, "service_id", ServiceId, required: true);
        BookingFields.Id(errors, "provider_id", ProviderId, required: false);
        BookingFields.Start(errors, Start);
        if (Customer is null)
        {
            errors.Add("customer", "customer is required: {name, phone?, email?}.");
        }
        else
        {
            foreach (var error in Customer.Validate("customer."))
            {
                errors.Add(error.Field, error.Message);
            }
        }
        errors.When(Notes?.Length > MaxNotesLength, "notes", $"notes are at most {MaxNotesLength} characters.");
    }
}

/// <summary><c>POST /api/bookings/{id}/reschedule</c>.</summary>
public sealed record RescheduleRequest(string? Start) : IValidatable
{
    public void Validate(ValidationErrors errors) => BookingFields.Start(errors, Start);
}

/// <summary><c>POST /api/bookings/{id}/status</c>: what happened to a booking (cancelling has its own endpoint).</summary>
public sealed record BookingStatusRequest(string? Status) : IValidatable
{
    public void Validate(ValidationErrors errors) =>
        errors.When(!BookingStatuses.TryParse(Status, out var status) || status == BookingStatus.Cancelled, "status",
            "status must be completed, no_show or confirmed (cancel with POST /api/bookings/{id}/cancel).");
}

/// <summary><c>POST /api/bookings/{id}/cancel</c>, body optional: <c>force</c> lets a manager cancel inside the cancellation window.</summary>
public sealed record CancelRequest(bool? Force);

internal static class BookingFields
{
    public static void Id(ValidationErrors errors, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.When(required, field, $"{field} is required.");
            return;
        }
        errors.When(!Guid.TryParse(value, out _), field, $"{field} must be an id (a UUID).");
    }

    public static Guid? ParseId(string? value) => Guid.TryParse(value, out var id) ? id : null;

    public static void Start(ValidationErrors errors, string? start)
    {
        if (string.IsNullOrWhiteSpace(start))
        {
            errors.Add("start", "start is required.");
            return;
        }
        // The zone only matters for local times; the format does not depend on it.
        errors.When(!ZonedTime.TryParse(start, DateTimeZone.Utc, out _), "start",
            "start must be ISO 8601 with an offset (2026-11-23T10:00:00-05:00) or a local time in the tenant's zone (2026-11-23T10:00).");
    }
}
