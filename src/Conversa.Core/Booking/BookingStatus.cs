namespace Conversa.Core.Booking;

/// <summary>
/// Where a booking stands. Every status but <see cref="Cancelled"/> keeps its provider's time taken, so a
/// finished or missed appointment is never overbooked after the fact.
/// </summary>
public enum BookingStatus
{
    Confirmed,
    Cancelled,
    Completed,
    NoShow,
}

public static class BookingStatuses
{
    public static readonly IReadOnlyList<string> Names = ["confirmed", "cancelled", "completed", "no_show"];

    /// <summary>The lowercase name API.md uses (and the database stores): <c>no_show</c>, not <c>noshow</c>.</summary>
    public static string Name(this BookingStatus status) => status switch
    {
        BookingStatus.Confirmed => "confirmed",
        BookingStatus.Cancelled => "cancelled",
        BookingStatus.Completed => "completed",
        BookingStatus.NoShow => "no_show",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? name, out BookingStatus status)
    {
        status = name?.Trim().ToLowerInvariant() switch
        {
            "confirmed" => BookingStatus.Confirmed,
            "cancelled" or "canceled" => BookingStatus.Cancelled,
            "completed" => BookingStatus.Completed,
            "no_show" or "noshow" or "no-show" => BookingStatus.NoShow,
            _ => (BookingStatus)(-1),
        };
        return Enum.IsDefined(status);
    }
}
