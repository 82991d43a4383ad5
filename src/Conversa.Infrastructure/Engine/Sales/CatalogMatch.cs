namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>
/// The answer to a catalog question: the items to show (at most <see cref="CatalogSearch.MaxListed"/>), how many
/// matched in all, the category asked about, and for a single product up to three others of its category.
/// </summary>
public sealed record CatalogMatch(
    CatalogMatchKind Kind, IReadOnlyList<CatalogItem> Items, int Total, string? Category = null, IReadOnlyList<CatalogItem>? Similar = null)
{
    public static CatalogMatch Nothing { get; } = new(CatalogMatchKind.None, [], 0);

    public IReadOnlyList<CatalogItem> SimilarItems => Similar ?? [];
}
