using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Features.Operations;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Admin;

/// <summary>Config reload and the seed-compatible <c>/companies</c> aliases that older clients call.</summary>
public static class CompaniesEndpoints
{
    public static void MapCompaniesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/tenants/reload-config", ReloadConfig).RequireSuperadmin().WithTags("Admin");
        app.MapPost("/admin/companies/reload-config", ReloadConfig).RequireSuperadmin().WithTags("Compatibility");
        app.MapGet("/companies", List).RequireSuperadmin().WithTags("Compatibility");
        app.MapGet("/company/{tenant}/status", Status).RequireTenant().WithTags("Compatibility");
    }

    private static async Task<IResult> ReloadConfig(CompaniesConfigImporter importer, CancellationToken cancellationToken)
    {
        if (!importer.Configured)
        {
            return Problems.Unprocessable("No companies config is configured: set CONVERSA_COMPANIES_CONFIG to a companies_config.json path.");
        }
        try
        {
            var outcome = await importer.ImportConfiguredAsync(cancellationToken);
            return TypedResults.Ok(outcome);
        }
        catch (Exception e) when (e is JsonException or FileNotFoundException or IOException)
        {
            return Problems.Unprocessable("The companies config could not be read: " + e.Message);
        }
    }

    private static async Task<IResult> List(AppDbContext db, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Slug).ToListAsync(cancellationToken);
        return TypedResults.Ok(new
        {
            companies = tenants.Select(t => new
            {
                slug = t.Slug,
                company_name = t.Name,
                sector = t.Sector,
                status = t.Status.ToString().ToLowerInvariant(),
            }),
        });
    }

    private static async Task<IResult> Status(HttpContext http, AppDbContext db, TenantHealthReporter health, CancellationToken cancellationToken)
    {
        var tenantId = http.Tenant().TenantId!.Value;
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == tenantId, cancellationToken);
        var report = await health.ReportAsync(tenantId, cancellationToken);
        var agents = (JsonNode.Parse(tenant.SettingsJson)?["assistant"]?["agents_enabled"] as JsonArray)?
            .Select(a => a?.GetValue<string>()).OfType<string>().ToList() ?? [];
        return TypedResults.Ok(new
        {
            company_id = tenant.Slug,
            company_name = tenant.Name,
            statistics = new { conversations = 0, documents = 0, users = report.Stats?.Users ?? 0, active_bots = agents.Count },
            orchestrator = new { system_healthy = report.SystemHealthy, agents_available = agents },
        });
    }
}
