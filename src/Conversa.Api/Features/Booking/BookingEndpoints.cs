using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Booking;
using Conversa.Core.Tenancy;
using Conversa.Core.Time;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Conversa.Api.Features.Booking;

/// <summary>
/// API.md "Booking": services, providers, availability, contacts and the bookings themselves. Every role may read
/// and book; owners and admins manage services and providers.
/// </summary>
public static class BookingEndpoints
{
    public static void MapBookingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapServiceEndpoints();
        app.MapProviderEndpoints();
        app.MapAvailabilityEndpoints();
        app.MapContactEndpoints();

        var bookings = app.MapGroup("/api/bookings").WithTags("Booking");
        bookings.MapGet("", List).RequireTenant();
        bookings.MapPost("", Create).RequireTenant();
        bookings.MapGet("/{id:guid}", Get).RequireTenant();
        bookings.MapGet("/{id:guid}.ics", Calendar).RequireTenant();
        bookings.MapPost("/{id:guid}/cancel", Cancel).RequireTenant();
        bookings.MapPost("/{id:guid}/reschedule", Reschedule).RequireTenant();
        bookings.MapPost("/{id:guid}/status", SetStatus).RequireTenant();
    }

    public sealed record BookingQuery(
        [FromQuery(Name = "from")] string? From,
        [FromQuery(Name = "to")] string? To,
        [FromQuery(Name = "provider_id")] string? ProviderId,
        [FromQuery(Name = "service_id")] string? ServiceId,
        [FromQuery(Name = "contact_id")] string? ContactId,
        [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "limit")] int? Limit,
        [FromQuery(Name = "cursor")] string? Cursor) : IValidatable
    {
        public void Validate(ValidationErrors errors)
        {
            BookingFields.Id(errors, "provider_id", ProviderId, required: false);
            BookingFields.Id(errors, "service_id", ServiceId, required: false);
            BookingFields.Id(errors, "contact_id", ContactId, required: false);
            errors.When(!string.IsNullOrEmpty(Status) && !BookingStatuses.TryParse(Status, out _), "status",
                "status must be confirmed, cancelled, completed or no_show.");
            errors.When(!string.IsNullOrEmpty(From) && !ZonedTime.TryParseDateOrTime(From, DateTimeZone.Utc, out _), "from",
                "from must be a date (2026-11-23) or an ISO 8601 timestamp.");
            errors.When(!string.IsNullOrEmpty(To) && !ZonedTime.TryParseDateOrTime(To, DateTimeZone.Utc, out _), "to",
                "to must be a date (2026-11-30, included) or an ISO 8601 timestamp.");
        }
    }

    /// <summary>Bookings starting in [from, to) (dates in the tenant's zone, <c>to</c> included), earliest first.</summary>
    private static async Task<IResult> List([AsParameters] BookingQuery query, AppDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await BookingTenant.LoadAsync(db, cancellationToken);
        var bookings = db.Bookings.AsNoTracking();
        if (!string.IsNullOrEmpty(query.From) && ZonedTime.TryParseDateOrTime(query.From, tenant.Zone, out var from))
        {
            var bound = from.ToDateTimeUtc();
            bookings = bookings.Where(b => b.StartAt >= bound);
        }
        if (!string.IsNullOrEmpty(query.To))
        {
            var to = LocalDatePattern.Iso.Parse(query.To.Trim()) is { Success: true } date
                ? tenant.Zone.AtStartOfDay(date.Value.PlusDays(1)).ToInstant()
                : ZonedTime.TryParseDateOrTime(query.To, tenant.Zone, out var instant) ? instant : Instant.MaxValue;
            var bound = to.ToDateTimeUtc();
            bookings = bookings.Where(b => b.StartAt < bound);
        }
        if (BookingFields.ParseId(query.ProviderId) is { } providerId)
        {
            bookings = bookings.Where(b => b.ProviderId == providerId);
        }
        if (BookingFields.ParseId(query.ServiceId) is { } serviceId)
        {
            bookings = bookings.Where(b => b.ServiceId == serviceId);
        }
        if (BookingFields.ParseId(query.ContactId) is { } contactId)
        {
            bookings = bookings.Where(b => b.ContactId == contactId);
        }
        if (BookingStatuses.TryParse(query.Status, out var status))
        {
            bookings = bookings.Where(b => b.Status == status);
        }
        return await BookingRecords.Of(db, bookings).ToPageAsync(query.Limit, query.Cursor, r => r.View(tenant.Zone), cancellationToken);
    }

    private static async Task<IResult> Get(Guid id, AppDbContext db, CancellationToken cancellationToken) =>
        await ViewAsync(db, id, cancellationToken) is { } view ? TypedResults.Ok(view) : NotFound();

    private static async Task<IResult> Create(NewBookingRequest request, BookingDesk desk, AppDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await desk.CreateAsync(new NewBooking(
            BookingFields.ParseId(request.ServiceId)!.Value, BookingFields.ParseId(request.ProviderId), request.Start!, request.Customer!, request.Notes),
            cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return BookingProblems.From(failure);
        }
        var view = await ViewAsync(db, outcome.Booking!.Id, cancellationToken);
        return TypedResults.Created($"/api/bookings/{view!.Id}", view);
    }

    private static async Task<IResult> Cancel(
        Guid id, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CancelRequest? request,
        BookingDesk desk, AppDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await desk.CancelAsync(id, request?.Force == true, Roles.CanManage(db.Tenant.Role), cancellationToken);
        return await ResultAsync(outcome, db, cancellationToken);
    }

    private static async Task<IResult> Reschedule(Guid id, RescheduleRequest request, BookingDesk desk, AppDbContext db, CancellationToken cancellationToken) =>
        await ResultAsync(await desk.RescheduleAsync(id, request.Start!, cancellationToken), db, cancellationToken);

    private static async Task<IResult> SetStatus(Guid id, BookingStatusRequest request, BookingDesk desk, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!BookingStatuses.TryParse(request.Status, out var status))
        {
            return Problems.Validation("status", "status must be completed, no_show or confirmed.");
        }
        return await ResultAsync(await desk.SetStatusAsync(id, status, cancellationToken), db, cancellationToken);
    }

    /// <summary><c>GET /api/bookings/{id}.ics</c>: the booking as an iCalendar event (RFC 5545), cancelled ones included.</summary>
    private static async Task<IResult> Calendar(Guid id, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await BookingRecords.Of(db, db.Bookings.AsNoTracking().Where(b => b.Id == id)).FirstOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return NotFound();
        }
        var tenant = await BookingTenant.LoadAsync(db, cancellationToken);
        var b = record.Booking;
        var view = record.View(tenant.Zone);
        var description = string.Join('\n', new[]
        {
            $"{record.ServiceName} — {record.ProviderName}",
            $"{record.ContactName}{(record.ContactPhone is null ? "" : " · " + record.ContactPhone)}{(record.ContactEmail is null ? "" : " · " + record.ContactEmail)}",
            $"{view.Start} / {view.End}",
            b.Notes,
        }.Where(line => !string.IsNullOrWhiteSpace(line)));
        var ics = IcsWriter.Write(new IcsEvent(
            $"{b.Id}@conversa",
            Instant.FromDateTimeOffset(time.GetUtcNow()),
            Instant.FromDateTimeUtc(b.StartAt),
            Instant.FromDateTimeUtc(b.EndAt),
            $"{record.ServiceName} · {tenant.Name}",
            description,
            b.Status == BookingStatus.Cancelled,
            b.Version,
            Instant.FromDateTimeUtc(b.UpdatedAt)));
        return TypedResults.Text(ics, IcsWriter.ContentType + "; charset=utf-8", System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> ResultAsync(BookingOutcome outcome, AppDbContext db, CancellationToken cancellationToken) =>
        outcome.Failure is { } failure
            ? BookingProblems.From(failure)
            : TypedResults.Ok(await ViewAsync(db, outcome.Booking!.Id, cancellationToken));

    private static async Task<BookingView?> ViewAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var record = await BookingRecords.Of(db, db.Bookings.AsNoTracking().Where(b => b.Id == id)).FirstOrDefaultAsync(cancellationToken);
        return record?.View((await BookingTenant.LoadAsync(db, cancellationToken)).Zone);
    }

    private static IResult NotFound() => Problems.NotFound("No such booking.");
}
