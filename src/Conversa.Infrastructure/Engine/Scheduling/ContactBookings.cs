using Conversa.Core.Booking;
using Conversa.Core.Time;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Conversa.Infrastructure.Engine.Scheduling;

/// <summary>A confirmed booking of the contact that has not started yet, with what a customer calls it by.</summary>
public sealed record UpcomingBooking(Guid Id, Guid ServiceId, string Service, Guid ProviderId, string Provider, Instant Start)
{
    public ZonedDateTime StartIn(DateTimeZone zone) => Start.InZone(zone);

    public string StartText(DateTimeZone zone) => ZonedTime.Format(Start, zone);
}

/// <summary>
/// The bookings a chat may touch: only the turn's own contact's, confirmed and still ahead. Whatever a customer
/// types, a booking id that is not in this list is never cancelled or moved from a chat.
/// </summary>
public static class ContactBookings
{
    public const int MaxListed = 10;

    public static async Task<IReadOnlyList<UpcomingBooking>> UpcomingAsync(AppDbContext db, Guid contactId, Instant now, CancellationToken cancellationToken)
    {
        var after = now.ToDateTimeUtc();
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.ContactId == contactId && b.Status == BookingStatus.Confirmed && b.StartAt > after)
            .OrderBy(b => b.StartAt)
            .Take(MaxListed)
            .Select(b => new
            {
                b.Id,
                b.ServiceId,
                Service = db.Services.Where(s => s.Id == b.ServiceId).Select(s => s.Name).First(),
                b.ProviderId,
                Provider = db.Providers.Where(p => p.Id == b.ProviderId).Select(p => p.Name).First(),
                b.StartAt,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new UpcomingBooking(r.Id, r.ServiceId, r.Service, r.ProviderId, r.Provider, Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.StartAt, DateTimeKind.Utc)))).ToList();
    }
}
