using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.Tenants.Templates;

public sealed record TemplateDocumentView(string Language, string Title);

/// <summary>A template as <c>GET /api/templates</c> lists it: what a tenant of that sector starts with.</summary>
public sealed record TemplateView(
    string Sector,
    Localized Summary,
    IReadOnlyList<string> AgentsEnabled,
    bool EmergencyDefaults,
    IReadOnlyList<string> EmergencyKeywords,
    int IntentExamples,
    int IntentKeywords,
    IReadOnlyList<ProductField> Attributes,
    IReadOnlyList<TemplateDocumentView> Documents)
{
    public static TemplateView From(SectorTemplate t) => new(
        t.Sector,
        t.Summary,
        t.AgentsEnabled,
        t.EmergencyDefaults,
        t.EmergencyKeywords,
        t.Examples.Sum(e => e.All().Count()),
        t.Keywords.Sum(k => k.All().Count()),
        t.Attributes,
        t.Documents.Select(d => new TemplateDocumentView(d.Language, d.Title)).ToList());
}

public sealed record TemplateListView(IReadOnlyList<TemplateView> Templates);

/// <summary>What <c>POST /api/tenant/template</c> did: entries added to each list, documents added, and the tenant now.</summary>
public sealed record AppliedTemplateView(string Sector, TemplateAdditions Added, int DocumentsAdded, TenantView Tenant);
