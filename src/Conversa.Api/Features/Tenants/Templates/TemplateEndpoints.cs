using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Knowledge;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Tenants.Templates;

/// <summary><c>GET /api/templates</c> (any signed-in user) and <c>POST /api/tenant/template</c> (owners and admins).</summary>
public static class TemplateEndpoints
{
    public static void MapTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/templates", List).RequireSignedIn().WithTags("Tenant");
        app.MapPost("/api/tenant/template", Apply).RequireTenantManager().WithTags("Tenant");
    }

    private static Ok<TemplateListView> List() => TypedResults.Ok(new TemplateListView(SectorTemplates.All.Select(TemplateView.From).ToList()));

    private static async Task<IResult> Apply(
        ApplyTemplateRequest request, HttpContext http, AppDbContext db, KnowledgeBase knowledge, TenantSecretStore secrets,
        TenantDirectory directory, AuditLog audit, CancellationToken cancellationToken)
    {
        var id = http.Tenant().TenantId!.Value;
        var tenant = await db.Tenants.FirstAsync(t => t.Id == id, cancellationToken);
        var template = SectorTemplates.Find(request.Sector ?? tenant.Sector);
        if (template is null)
        {
            return Problems.Validation("sector",
                $"The sector '{tenant.Sector}' has no template; send one of: {string.Join(", ", SectorTemplates.Sectors)}.");
        }
        var settings = JsonNode.Parse(tenant.SettingsJson) as JsonObject ?? [];
        var added = TemplateSettings.Apply(settings, template, tenant.Name, tenant.Language, request.Replace == true, request.Persona == true);
        var errors = new ValidationErrors();
        TenantSettings.Validate(settings, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        tenant.SettingsJson = TenantSettings.Serialize(settings);
        tenant.Sector = template.Sector;
        tenant.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate(tenant.Id);

        var documents = request.Documents == true ? await TemplateDocuments.AddAsync(template, tenant.Language, knowledge, db, cancellationToken) : 0;
        audit.Record("tenant.template_applied", tenant.Id, tenant.Slug,
            new { sector = template.Sector, replace = request.Replace == true, persona = request.Persona == true, documents });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new AppliedTemplateView(template.Sector, added, documents, TenantView.From(tenant, await secrets.NamesAsync(cancellationToken))));
    }
}
