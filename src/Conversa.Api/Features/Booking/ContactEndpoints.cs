using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Catalog;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Booking;

/// <summary>
/// <c>/api/contacts</c>: the tenant's customers, as bookings (and later conversations) find or create them. <c>q</c>
/// matches words of the name, phone or email, ignoring case and accents.
/// </summary>
public static class ContactEndpoints
{
    public const int MaxBookingsShown = 200;

    public static void MapContactEndpoints(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/contacts").WithTags("Booking");
        contacts.MapGet("", List).RequireTenant();
        contacts.MapGet("/{id:guid}", Get).RequireTenant();
    }

    private static async Task<IResult> List(string? q, int? limit, string? cursor, AppDbContext db, CancellationToken cancellationToken)
    {
        if (q?.Length > 200)
        {
            return Problems.Validation("q", "q is at most 200 characters.");
        }
        var contacts = db.Contacts.AsNoTracking();
        foreach (var word in ProductSearch.Normalize(q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct())
        {
            contacts = contacts.Where(c => c.SearchText.Contains(word));
        }
        return await contacts.OrderBy(c => c.Name).ThenBy(c => c.Id).ToPageAsync(limit, cursor, ContactView.From, cancellationToken);
    }

    /// <summary>The contact with its latest bookings (up to <see cref="MaxBookingsShown"/>; list the rest with <c>GET /api/bookings?contact_id=</c>).</summary>
    private static async Task<IResult> Get(Guid id, AppDbContext db, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null)
        {
            return Problems.NotFound("No such contact.");
        }
        var tenant = await BookingTenant.LoadAsync(db, cancellationToken);
        var bookings = await BookingRecords.Of(db, db.Bookings.AsNoTracking().Where(b => b.ContactId == id), latestFirst: true)
            .Take(MaxBookingsShown).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ContactDetail(
            contact.Id, contact.Name, contact.Phone, contact.Email, contact.CreatedAt, contact.UpdatedAt,
            bookings.Select(b => b.View(tenant.Zone)).ToList()));
    }
}
