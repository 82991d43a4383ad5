using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Booking;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Booking;

/// <summary>
/// <c>/api/services</c>: what can be booked. Names are unique per tenant ignoring case and accents (409). DELETE removes a
/// service no booking names; one that bookings name is deactivated instead, so their history keeps it.
/// </summary>
public static class ServiceEndpoints
{
    public static void MapServiceEndpoints(this IEndpointRouteBuilder app)
    {
        var services = app.MapGroup("/api/services").WithTags("Booking");
        services.MapGet("", List).RequireTenant();
        services.MapPost("", Create).RequireTenantManager();
        services.MapGet("/{id:guid}", Get).RequireTenant();
        services.MapPut("/{id:guid}", Replace).RequireTenantManager();
        services.MapDelete("/{id:guid}", Delete).RequireTenantManager();
    }

    private static async Task<IResult> List(string? active, int? limit, string? cursor, AppDbContext db, CancellationToken cancellationToken)
    {
        if (ActiveFilter.Problem(active) is { } problem)
        {
            return problem;
        }
        return await ActiveFilter.Apply(db.Services.AsNoTracking(), active, s => s.Active)
            .OrderBy(s => s.Name).ThenBy(s => s.Id)
            .ToPageAsync(limit, cursor, ServiceView.From, cancellationToken);
    }

    private static async Task<IResult> Get(Guid id, AppDbContext db, CancellationToken cancellationToken) =>
        await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } service
            ? TypedResults.Ok(ServiceView.From(service))
            : NotFound();

    private static async Task<IResult> Create(ServiceInput input, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var service = new Service { CreatedAt = now };
        db.Services.Add(service);
        return await SaveAsync(service, input, db, now, created: true, cancellationToken);
    }

    private static async Task<IResult> Replace(Guid id, ServiceInput input, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return service is null ? NotFound() : await SaveAsync(service, input, db, time.GetUtcNow().UtcDateTime, created: false, cancellationToken);
    }

    private static async Task<IResult> SaveAsync(
        Service service, ServiceInput input, AppDbContext db, DateTime now, bool created, CancellationToken cancellationToken)
    {
        if (BookingProblems.Invalid(input.Validate()) is { } problem)
        {
            return problem;
        }
        var slug = Service.SlugOf(input.Normalized().Name!);
        if (await db.Services.AnyAsync(s => s.Slug == slug && s.Id != service.Id, cancellationToken))
        {
            return NameTaken(input.Normalized().Name!);
        }
        var tenantId = db.CurrentTenantId;
        var currency = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Currency).FirstAsync(cancellationToken);
        service.Apply(input, currency, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request took the same name between the check above and this save.
            return NameTaken(service.Name);
        }
        return created
            ? TypedResults.Created($"/api/services/{service.Id}", ServiceView.From(service))
            : TypedResults.Ok(ServiceView.From(service));
    }

    private static async Task<IResult> Delete(Guid id, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null)
        {
            return NotFound();
        }
        if (!await db.Bookings.AnyAsync(b => b.ServiceId == id, cancellationToken))
        {
            db.Services.Remove(service);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.NoContent();
            }
            catch (DbUpdateException)
            {
                // A booking named it meanwhile: keep it, deactivated, like any service with bookings.
                db.ChangeTracker.Clear();
                service = await db.Services.FirstAsync(s => s.Id == id, cancellationToken);
            }
        }
        if (service.Active)
        {
            service.Active = false;
            service.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static IResult NameTaken(string name) =>
        Problems.Conflict($"Another service is already called '{name}' (names ignore case and accents; inactive services keep theirs).");

    private static IResult NotFound() => Problems.NotFound("No such service.");
}
