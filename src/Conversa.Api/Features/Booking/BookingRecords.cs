using Conversa.Infrastructure.Persistence;
using BookingRow = Conversa.Core.Booking.Booking;

namespace Conversa.Api.Features.Booking;

/// <summary>Bookings joined with the names their views show, in one query (each join is tenant-filtered too).</summary>
internal static class BookingRecords
{
    public static IQueryable<BookingRecord> Of(AppDbContext db, IQueryable<BookingRow> bookings, bool latestFirst = false)
    {
        var joined =
            from b in bookings
            join s in db.Services on b.ServiceId equals s.Id
            join p in db.Providers on b.ProviderId equals p.Id
            join c in db.Contacts on b.ContactId equals c.Id
            select new { b, s, p, c };
        var ordered = latestFirst
            ? joined.OrderByDescending(x => x.b.StartAt).ThenByDescending(x => x.b.Id)
            : joined.OrderBy(x => x.b.StartAt).ThenBy(x => x.b.Id);
        return ordered.Select(x => new BookingRecord(x.b, x.s.Name, x.p.Name, x.p.Timezone, x.c.Name, x.c.Phone, x.c.Email));
    }
}
