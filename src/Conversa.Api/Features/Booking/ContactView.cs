using Conversa.Core.Contacts;

namespace Conversa.Api.Features.Booking;

/// <summary>A contact as the API shows it.</summary>
public sealed record ContactView(Guid Id, string Name, string? Phone, string? Email, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ContactView From(Contact c) => new(c.Id, c.Name, c.Phone, c.Email, c.CreatedAt, c.UpdatedAt);
}

/// <summary><c>GET /api/contacts/{id}</c>: the contact with its bookings, latest first.</summary>
public sealed record ContactDetail(
    Guid Id, string Name, string? Phone, string? Email, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<BookingView> Bookings);
