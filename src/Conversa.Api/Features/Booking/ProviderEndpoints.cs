using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Booking;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Booking;

/// <summary>
/// <c>/api/providers</c>: who performs which services, in which zone, and when they work. Service ids that name no
/// service of this tenant are 422 naming each one. DELETE removes a provider no booking names, else deactivates it.
/// </summary>
public static class ProviderEndpoints
{
    public static void MapProviderEndpoints(this IEndpointRouteBuilder app)
    {
        var providers = app.MapGroup("/api/providers").WithTags("Booking");
        providers.MapGet("", List).RequireTenant();
        providers.MapPost("", Create).RequireTenantManager();
        providers.MapGet("/{id:guid}", Get).RequireTenant();
        providers.MapPut("/{id:guid}", Replace).RequireTenantManager();
        providers.MapDelete("/{id:guid}", Delete).RequireTenantManager();
        providers.MapGet("/{id:guid}/availability", GetHours).RequireTenant();
        providers.MapPut("/{id:guid}/availability", PutHours).RequireTenantManager();
    }

    private static async Task<IResult> List(
        string? active, [FromQuery(Name = "service_id")] string? serviceId, int? limit, string? cursor, AppDbContext db, CancellationToken cancellationToken)
    {
        if (ActiveFilter.Problem(active) is { } problem)
        {
            return problem;
        }
        if (!Paging.TryParse(limit, cursor, out var paging, out var pagingProblem))
        {
            return pagingProblem!;
        }
        var filtered = ActiveFilter.Apply(db.Providers.AsNoTracking(), active, p => p.Active);
        if (!string.IsNullOrEmpty(serviceId))
        {
            if (!Guid.TryParse(serviceId, out var service))
            {
                return Problems.Validation("service_id", "service_id must be an id (a UUID).");
            }
            filtered = filtered.Where(p => db.ProviderServices.Any(ps => ps.ProviderId == p.Id && ps.ServiceId == service));
        }
        var rows = filtered.OrderBy(p => p.Name).ThenBy(p => p.Id);
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.Skip(paging.Offset).Take(paging.Limit).ToListAsync(cancellationToken);
        var links = await ServiceIdsAsync(db, page.Select(p => p.Id).ToList(), cancellationToken);
        return TypedResults.Ok(paging.Page(page.Select(p => ProviderView.From(p, links[p.Id])).ToList(), total));
    }

    private static async Task<IResult> Get(Guid id, AppDbContext db, CancellationToken cancellationToken)
    {
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return provider is null
            ? NotFound()
            : TypedResults.Ok(ProviderView.From(provider, (await ServiceIdsAsync(db, [id], cancellationToken))[id]));
    }

    private static async Task<IResult> Create(ProviderInput input, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var provider = new Provider { CreatedAt = now };
        return await SaveAsync(provider, input, db, now, created: true, cancellationToken);
    }

    private static async Task<IResult> Replace(Guid id, ProviderInput input, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var provider = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return provider is null ? NotFound() : await SaveAsync(provider, input, db, time.GetUtcNow().UtcDateTime, created: false, cancellationToken);
    }

    private static async Task<IResult> SaveAsync(
        Provider provider, ProviderInput input, AppDbContext db, DateTime now, bool created, CancellationToken cancellationToken)
    {
        if (BookingProblems.Invalid(input.Validate(out var serviceIds)) is { } problem)
        {
            return problem;
        }
        // Another tenant's service id is simply unknown here: the query filter never sees it.
        var known = await db.Services.Where(s => serviceIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        var unknown = serviceIds.Except(known).ToList();
        if (unknown.Count > 0)
        {
            var given = input.ServiceIds!.ToList();
            var errors = unknown.ToDictionary(
                id => $"service_ids[{given.FindIndex(s => Guid.TryParse(s, out var g) && g == id)}]",
                id => new[] { $"There is no service with the id {id}." });
            return BookingProblems.Unusable(errors, $"{unknown.Count} of the service ids name no service: {string.Join(", ", unknown)}.");
        }
        provider.Name = input.Name!.Trim();
        provider.Timezone = string.IsNullOrWhiteSpace(input.Timezone) ? null : input.Timezone.Trim();
        provider.Active = input.Active ?? true;
        provider.UpdatedAt = now;
        if (created)
        {
            db.Providers.Add(provider);
        }
        var links = await db.ProviderServices.Where(ps => ps.ProviderId == provider.Id).ToListAsync(cancellationToken);
        db.ProviderServices.RemoveRange(links.Where(l => !serviceIds.Contains(l.ServiceId)));
        db.ProviderServices.AddRange(serviceIds.Where(s => links.All(l => l.ServiceId != s))
            .Select(s => new ProviderService { ProviderId = provider.Id, ServiceId = s }));
        await db.SaveChangesAsync(cancellationToken);
        var view = ProviderView.From(provider, serviceIds);
        return created ? TypedResults.Created($"/api/providers/{provider.Id}", view) : TypedResults.Ok(view);
    }

    private static async Task<IResult> Delete(Guid id, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var provider = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (provider is null)
        {
            return NotFound();
        }
        if (!await db.Bookings.AnyAsync(b => b.ProviderId == id, cancellationToken))
        {
            db.Providers.Remove(provider);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.NoContent();
            }
            catch (DbUpdateException)
            {
                // A booking named it meanwhile: keep it, deactivated, like any provider with bookings.
                db.ChangeTracker.Clear();
                provider = await db.Providers.FirstAsync(p => p.Id == id, cancellationToken);
            }
        }
        if (provider.Active)
        {
            provider.Active = false;
            provider.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetHours(Guid id, AppDbContext db, CancellationToken cancellationToken)
    {
        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (provider is null)
        {
            return NotFound();
        }
        var tenant = await BookingTenant.LoadAsync(db, cancellationToken);
        return TypedResults.Ok(ProviderHoursView.From(provider, tenant.ZoneOf(provider).Id));
    }

    private static async Task<IResult> PutHours(Guid id, WorkingHoursInput input, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var provider = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (provider is null)
        {
            return NotFound();
        }
        if (BookingProblems.Invalid(input.Validate(out var hours)) is { } problem)
        {
            return problem;
        }
        provider.HoursJson = hours!.ToJson();
        provider.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        var tenant = await BookingTenant.LoadAsync(db, cancellationToken);
        return TypedResults.Ok(ProviderHoursView.From(provider, tenant.ZoneOf(provider).Id));
    }

    private static async Task<ILookup<Guid, Guid>> ServiceIdsAsync(AppDbContext db, List<Guid> providerIds, CancellationToken cancellationToken) =>
        (await db.ProviderServices.AsNoTracking().Where(ps => providerIds.Contains(ps.ProviderId))
            .Select(ps => new { ps.ProviderId, ps.ServiceId }).ToListAsync(cancellationToken))
        .ToLookup(ps => ps.ProviderId, ps => ps.ServiceId);

    private static IResult NotFound() => Problems.NotFound("No such provider.");
}
