using System.Reflection;
using System.Text.Json;
using Conversa.Api.Hosting;

namespace Conversa.Api.Features.Tenants.Templates;

/// <summary>The sector templates, read once from the assembly's embedded <c>templates/*</c> resources.</summary>
public static class SectorTemplates
{
    private const string Prefix = "templates/";

    private static readonly Lazy<IReadOnlyDictionary<string, SectorTemplate>> Loaded = new(Load);

    public static IReadOnlyCollection<SectorTemplate> All => Loaded.Value.Values.OrderBy(t => t.Sector, StringComparer.Ordinal).ToList();

    /// <summary>The template for a tenant's sector ("vehicles", "Real_Estate"), or null when the sector has none.</summary>
    public static SectorTemplate? Find(string? sector) =>
        sector is not null && Loaded.Value.TryGetValue(sector.Trim().ToLowerInvariant(), out var template) ? template : null;

    public static IEnumerable<string> Sectors => Loaded.Value.Keys.Order(StringComparer.Ordinal);

    private static Dictionary<string, SectorTemplate> Load()
    {
        var assembly = typeof(SectorTemplates).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        var templates = new Dictionary<string, SectorTemplate>(StringComparer.Ordinal);
        foreach (var name in names.Where(n => n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var template = JsonSerializer.Deserialize<SectorTemplate>(Read(assembly, name), JsonDefaults.Options)
                ?? throw new InvalidOperationException($"The sector template {name} is empty.");
            var documents = names
                .Where(n => n.StartsWith($"{Prefix}{template.Sector}.", StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
                .Select(n => Document(n[(Prefix.Length + template.Sector.Length + 1)..^3], Read(assembly, n)))
                .ToList();
            templates[template.Sector] = template with { Documents = documents };
        }
        return templates;
    }

    /// <summary>"es" (or "es.2" for a second document) and the markdown, whose first line is "# Title".</summary>
    private static TemplateDocument Document(string suffix, string markdown)
    {
        var title = markdown.Split('\n', 2)[0].TrimStart('#').Trim();
        return new TemplateDocument(suffix.Split('.')[0], title, markdown);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
