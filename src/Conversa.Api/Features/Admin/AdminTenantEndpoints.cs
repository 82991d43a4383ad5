using System.Text.Json.Nodes;
using Conversa.Api.Features.Identity;
using Conversa.Api.Features.Tenants;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Admin;

public static class AdminTenantEndpoints
{
    public static void MapAdminTenantEndpoints(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/admin/tenants").RequireSuperadmin().WithTags("Admin");
        tenants.MapPost("", Create);
        tenants.MapGet("", List);
        tenants.MapGet("/{tenant}", Get);
        tenants.MapPatch("/{tenant}", Patch);
        tenants.MapDelete("/{tenant}", Delete);
        tenants.MapGet("/{tenant}/export", Export);
        tenants.MapPost("/import", Import).WithMetadata(LargeJsonBody.Instance);
    }

    public sealed record CreateTenantRequest(
        string? Slug, string? Name, string? Sector, string? Plan, string? Timezone, string? Language, string? Currency,
        string? Isolation, JsonObject? Settings, TenantProvisioning.OwnerRequest? Owner, bool? Template = null) : IValidatable
    {
        public TenantProvisioning.Request ToProvisioning() =>
            new(Slug ?? "", Name ?? "", Sector, Plan, Timezone, Language, Currency, Isolation, Settings, Owner, Template);

        public void Validate(ValidationErrors errors) => ToProvisioning().Validate(errors);
    }

    public sealed record CreatedKey(Guid Id, string Key);

    public sealed record CreatedTenant(TenantView Tenant, UserEndpoints.UserItem? Owner, CreatedKey? ApiKey);

    private static async Task<IResult> Create(CreateTenantRequest request, TenantProvisioning provisioning, CancellationToken cancellationToken)
    {
        var (created, problem) = await provisioning.CreateAsync(request.ToProvisioning(), cancellationToken: cancellationToken);
        if (created is null)
        {
            return problem!;
        }
        var body = new CreatedTenant(
            TenantView.From(created.Tenant, created.SecretNames),
            created.Owner is null ? null : UserEndpoints.UserItem.From(created.Owner),
            created.KeyRow is null ? null : new CreatedKey(created.KeyRow.Id, created.Key!));
        return TypedResults.Created($"/api/admin/tenants/{created.Tenant.Slug}", body);
    }

    private static async Task<IResult> List(
        AppDbContext db, TenantScope scope, int? limit, string? cursor, string? status, string? q, CancellationToken cancellationToken)
    {
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }
        var query = db.Tenants.AsNoTracking();
        if (status is not null)
        {
            if (!Enum.TryParse<TenantStatus>(status, true, out var wanted))
            {
                return Problems.Validation("status", "status must be active or suspended.");
            }
            query = query.Where(t => t.Status == wanted);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            var slugTerm = term.ToLowerInvariant();
            query = query.Where(t => t.Slug.Contains(slugTerm) || t.Name.Contains(term));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(t => t.Slug).Skip(paging.Offset).Take(paging.Limit).ToListAsync(cancellationToken);
        var views = new List<TenantView>(items.Count);
        foreach (var t in items)
        {
            // Secret names are tenant-owned rows: read them in the tenant's scope, as GET does, so *_set flags are true.
            var names = await scope.RunAsync(t.Id, services => services.GetRequiredService<TenantSecretStore>().NamesAsync(cancellationToken), cancellationToken);
            views.Add(TenantView.From(t, names));
        }
        return TypedResults.Ok(paging.Page(views, total));
    }

    private static async Task<IResult> Get(string tenant, TenantDirectory directory, TenantScope scope, CancellationToken cancellationToken)
    {
        var info = await directory.FindAsync(tenant, cancellationToken);
        if (info is null)
        {
            return NotFound(tenant);
        }
        return TypedResults.Ok(await scope.RunAsync(info.Id, async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var row = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == info.Id, cancellationToken);
            return TenantView.From(row, await services.GetRequiredService<TenantSecretStore>().NamesAsync(cancellationToken));
        }, cancellationToken));
    }

    private static async Task<IResult> Patch(
        string tenant, TenantPatch patch, TenantDirectory directory, TenantScope scope, AppDbContext platformDb, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var info = await directory.FindAsync(tenant, cancellationToken);
        if (info is null)
        {
            return NotFound(tenant);
        }
        var result = await scope.RunAsync<IResult>(info.Id, async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var secrets = services.GetRequiredService<TenantSecretStore>();
            var row = await db.Tenants.FirstAsync(t => t.Id == info.Id, cancellationToken);
            if (patch.Plan is not null && !await db.Plans.AnyAsync(p => p.Name == patch.Plan, cancellationToken))
            {
                return Problems.Unprocessable($"There is no plan named '{patch.Plan}'.");
            }
            var errors = await patch.ApplyAsync(row, secrets, cancellationToken);
            if (errors.Any)
            {
                return Problems.Validation(errors.ToDictionary());
            }
            row.Plan = patch.Plan ?? row.Plan;
            if (patch.Status is not null)
            {
                row.Status = Enum.Parse<TenantStatus>(patch.Status, true);
            }
            if (patch.Limits is not null)
            {
                var merged = JsonMergePatch.Apply(row.LimitsJson is null ? new JsonObject() : JsonNode.Parse(row.LimitsJson), patch.Limits) as JsonObject;
                row.LimitsJson = merged is null || merged.Count == 0 ? null : merged.ToJsonString();
            }
            await db.SaveChangesAsync(cancellationToken);
            directory.Invalidate(row.Id);
            return TypedResults.Ok(TenantView.From(row, await secrets.NamesAsync(cancellationToken)));
        }, cancellationToken);
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            // Recorded in the request's scope, not the tenant scope above, so the actor is the superadmin rather than "system".
            audit.Record("tenant.updated", info.Id, info.Slug,
                new { status = patch.Status, plan = patch.Plan, limits = patch.Limits, settings = patch.Settings?.Select(s => s.Key).ToList() });
            await platformDb.SaveChangesAsync(cancellationToken);
        }
        return result;
    }

    private static async Task<IResult> Delete(
        string tenant, string? confirm, TenantDirectory directory, TenantTransfer transfer, CancellationToken cancellationToken)
    {
        var info = await directory.FindAsync(tenant, cancellationToken);
        if (info is null)
        {
            return NotFound(tenant);
        }
        if (!string.Equals(confirm, info.Slug, StringComparison.Ordinal))
        {
            return Problems.Validation("confirm", $"Deleting removes every row and file of the tenant: repeat its slug as ?confirm={info.Slug}.");
        }
        await transfer.DeleteAsync(info, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Export(string tenant, TenantDirectory directory, TenantTransfer transfer, CancellationToken cancellationToken)
    {
        var info = await directory.FindAsync(tenant, cancellationToken);
        return info is null ? NotFound(tenant) : TypedResults.Ok(await transfer.ExportAsync(info, cancellationToken));
    }

    private static async Task<IResult> Import(JsonObject document, string? slug, TenantTransfer transfer, CancellationToken cancellationToken)
    {
        if (slug is not null && !TenantValidation.IsValidSlug(slug))
        {
            return Problems.Validation("slug", "slug must be lowercase letters, digits and dashes.");
        }
        var (result, problem) = await transfer.ImportAsync(document, slug, cancellationToken);
        return result is null ? problem! : TypedResults.Created($"/api/admin/tenants/{result.Tenant.Slug}", result);
    }

    private static IResult NotFound(string tenant) => Problems.NotFound($"Tenant '{tenant}' does not exist.");
}
