using Conversa.Api.Features.Operations;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Tenants;

public static class TenantSettingsEndpoints
{
    public static void MapTenantSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup("/api/tenant").WithTags("Tenant");
        tenant.MapGet("", Get).RequireTenant();
        tenant.MapPatch("", Patch).RequireTenantManager();
        tenant.MapGet("/health", Health).RequireTenant();
    }

    private static async Task<IResult> Get(HttpContext http, AppDbContext db, TenantSecretStore secrets, CancellationToken cancellationToken)
    {
        var tenant = await CurrentAsync(http, db, cancellationToken);
        return TypedResults.Ok(TenantView.From(tenant, await secrets.NamesAsync(cancellationToken)));
    }

    private static async Task<IResult> Patch(
        TenantPatch patch, HttpContext http, AppDbContext db, TenantSecretStore secrets, TenantDirectory directory,
        AuditLog audit, CancellationToken cancellationToken)
    {
        if (patch.Status is not null || patch.Plan is not null || patch.Limits is not null)
        {
            return Problems.Forbidden("status, plan and limits are changed by the platform administrator.");
        }
        var tenant = await CurrentAsync(http, db, cancellationToken);
        var errors = await patch.ApplyAsync(tenant, secrets, cancellationToken);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        audit.Record("tenant.settings_updated", tenant.Id, tenant.Slug, new { fields = ChangedFields(patch) });
        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate(tenant.Id);
        return TypedResults.Ok(TenantView.From(tenant, await secrets.NamesAsync(cancellationToken)));
    }

    private static async Task<IResult> Health(HttpContext http, TenantHealthReporter reporter, CancellationToken cancellationToken)
    {
        var context = http.Tenant();
        return TypedResults.Ok(await reporter.ReportAsync(context.TenantId!.Value, cancellationToken));
    }

    /// <summary>The calling tenant's row. The tenants table is global, so the id comes from the resolved context.</summary>
    private static async Task<Tenant> CurrentAsync(HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var id = http.Tenant().TenantId!.Value;
        return await db.Tenants.FirstAsync(t => t.Id == id, cancellationToken);
    }

    private static IEnumerable<string> ChangedFields(TenantPatch patch)
    {
        if (patch.Name is not null) yield return "name";
        if (patch.Sector is not null) yield return "sector";
        if (patch.Timezone is not null) yield return "timezone";
        if (patch.Language is not null) yield return "language";
        if (patch.Currency is not null) yield return "currency";
        if (patch.Settings is not null)
        {
            foreach (var key in patch.Settings.Select(s => s.Key))
            {
                yield return "settings." + key;
            }
        }
    }
}
