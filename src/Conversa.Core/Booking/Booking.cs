using Conversa.Core.Tenancy;

namespace Conversa.Core.Booking;

/// <summary>
/// A customer's appointment for a service with a provider. It occupies the provider over
/// [<see cref="StartAt"/>, <see cref="BlockedUntil"/>) — the service's duration plus its buffer, fixed when booked —
/// and no two bookings of one provider that are not cancelled may overlap there (a database constraint on
/// PostgreSQL, a serialised check on SQLite). Times are UTC instants; the zone only matters for display and hours.
/// </summary>
public sealed class Booking : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ServiceId { get; set; }
    public Guid ProviderId { get; set; }
    public Guid ContactId { get; set; }
    public DateTime StartAt { get; set; }
    public DateTime EndAt { get; set; }
    public DateTime BlockedUntil { get; set; }
    public BookingStatus Status { get; set; } = BookingStatus.Confirmed;
    public string? Notes { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Bumped on every change and checked on save, so a cancel and a reschedule racing on one booking cannot both win.</summary>
    public int Version { get; set; }

    public bool HoldsItsTime => Status != BookingStatus.Cancelled;

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
