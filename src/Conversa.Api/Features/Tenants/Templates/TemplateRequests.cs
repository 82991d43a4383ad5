using Conversa.Api.Hosting;

namespace Conversa.Api.Features.Tenants.Templates;

/// <summary>
/// <c>POST /api/tenant/template</c>: the sector whose template to apply (the tenant's own by default; another one
/// becomes the tenant's sector), whether to rewrite the persona and greeting, add the sample documents, and replace
/// the tenant's intent, emergency and attribute lists instead of adding to them.
/// </summary>
public sealed record ApplyTemplateRequest(string? Sector = null, bool? Persona = null, bool? Documents = null, bool? Replace = null) : IValidatable
{
    public void Validate(ValidationErrors errors) =>
        errors.When(Sector is not null && SectorTemplates.Find(Sector) is null, "sector",
            "There is no template for that sector; templates: " + string.Join(", ", SectorTemplates.Sectors) + ".");
}
