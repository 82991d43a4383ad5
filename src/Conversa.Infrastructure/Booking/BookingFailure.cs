namespace Conversa.Infrastructure.Booking;

/// <summary>How a booking operation was refused; the endpoints turn each kind into its status code.</summary>
public enum BookingFailureKind
{
    /// <summary>The booking in the path does not exist in this tenant (404).</summary>
    NotFound,
    /// <summary>A field names something unknown or unusable here: an id of no service, a range too long (422 with <c>errors</c>).</summary>
    InvalidField,
    /// <summary>The request is well formed but the rules refuse it: outside hours, too soon, late cancellation (422).</summary>
    Refused,
    /// <summary>The time is taken, or the booking changed meanwhile (409).</summary>
    Conflict,
    /// <summary>The caller may not do this (403).</summary>
    Forbidden,
}

public sealed record BookingFailure(BookingFailureKind Kind, string Detail, string? Field = null)
{
    public static BookingFailure Invalid(string field, string detail) => new(BookingFailureKind.InvalidField, detail, field);
}
