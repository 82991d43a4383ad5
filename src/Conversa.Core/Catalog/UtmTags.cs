namespace Conversa.Core.Catalog;

/// <summary>Campaign tags appended to a short link's destination as <c>utm_source</c>, <c>utm_medium</c>, <c>utm_campaign</c>.</summary>
public sealed record UtmTags(string? Source = null, string? Medium = null, string? Campaign = null)
{
    public const int MaxLength = 200;

    public bool IsEmpty => Source is null && Medium is null && Campaign is null;

    public UtmTags Normalized() => new(Clean(Source), Clean(Medium), Clean(Campaign));

    public IEnumerable<(string Name, string Value)> Parameters()
    {
        if (Source is not null) yield return ("utm_source", Source);
        if (Medium is not null) yield return ("utm_medium", Medium);
        if (Campaign is not null) yield return ("utm_campaign", Campaign);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
