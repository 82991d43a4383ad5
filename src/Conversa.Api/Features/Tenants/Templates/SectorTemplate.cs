using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.Tenants.Templates;

/// <summary>
/// What a sector's assistant starts with, as data (<c>Data/{sector}.json</c> and <c>Data/{sector}.{language}.md</c>):
/// persona and the line of its greeting after the introduction, enabled agents, intent keywords and examples in
/// es/pt/en that send the sector's words to the right intent, emergency keywords, the catalog's product attributes
/// and sample knowledge documents.
/// </summary>
public sealed record SectorTemplate(
    string Sector,
    Localized Summary,
    Localized Persona,
    Localized Greeting,
    IReadOnlyList<string> AgentsEnabled,
    bool EmergencyDefaults,
    IReadOnlyList<string> EmergencyKeywords,
    IReadOnlyList<TemplatePhrases> Keywords,
    IReadOnlyList<TemplatePhrases> Examples,
    IReadOnlyList<ProductField> Attributes)
{
    /// <summary>The sample documents, by language; set by <see cref="SectorTemplates"/> from the markdown files.</summary>
    public IReadOnlyList<TemplateDocument> Documents { get; init; } = [];

    public IEnumerable<TemplateDocument> DocumentsIn(string language) => Documents.Where(d => d.Language == language);
}

/// <summary>Keyword phrases (with a weight) or example messages for one intent, per language.</summary>
public sealed record TemplatePhrases(
    string Intent, double? Weight = null, IReadOnlyList<string>? Es = null, IReadOnlyList<string>? Pt = null, IReadOnlyList<string>? En = null)
{
    public IEnumerable<(string Language, string Text)> All() =>
        (Es ?? []).Select(t => ("es", t)).Concat((Pt ?? []).Select(t => ("pt", t))).Concat((En ?? []).Select(t => ("en", t)));
}

/// <summary>A product attribute (a field) of the sector's catalog (<c>settings.catalog.attributes</c>).</summary>
public sealed record ProductField(string Name, string Type, Localized Label);

/// <summary>A sample knowledge document: markdown whose first line is its <c># Title</c>.</summary>
public sealed record TemplateDocument(string Language, string Title, string Markdown);
