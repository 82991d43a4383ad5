using Conversa.Core.Booking;
using Conversa.Core.Time;
using NodaTime;
using BookingRow = Conversa.Core.Booking.Booking;

namespace Conversa.Api.Features.Booking;

public sealed record CustomerView(string Name, string? Phone, string? Email);

/// <summary>
/// A booking as the API shows it: <c>start</c>/<c>end</c> in ISO 8601 with the offset of the provider's zone at
/// that moment, <c>status</c> one of <c>confirmed</c>, <c>cancelled</c>, <c>completed</c>, <c>no_show</c>.
/// </summary>
public sealed record BookingView(
    Guid Id, Guid ServiceId, string ServiceName, Guid ProviderId, string ProviderName, Guid ContactId, CustomerView Customer,
    string Start, string End, string Status, string? Notes, DateTime CreatedAt, DateTime UpdatedAt, DateTime? CancelledAt);

/// <summary>A booking with what its view names, as one query reads it.</summary>
public sealed record BookingRecord(
    BookingRow Booking, string ServiceName, string ProviderName, string? ProviderTimezone, string ContactName, string? ContactPhone, string? ContactEmail)
{
    public BookingView View(DateTimeZone tenantZone)
    {
        var zone = ProviderTimezone is { } tz ? ZonedTime.Zone(tz) : tenantZone;
        var b = Booking;
        return new BookingView(
            b.Id, b.ServiceId, ServiceName, b.ProviderId, ProviderName, b.ContactId, new CustomerView(ContactName, ContactPhone, ContactEmail),
            ZonedTime.Format(b.StartAt, zone), ZonedTime.Format(b.EndAt, zone), b.Status.Name(), b.Notes, b.CreatedAt, b.UpdatedAt, b.CancelledAt);
    }
}
