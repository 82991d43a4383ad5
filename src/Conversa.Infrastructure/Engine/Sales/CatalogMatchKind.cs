namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>What a question found in the catalog: one item, several, a whole category, nothing asked in particular, or nothing.</summary>
public enum CatalogMatchKind
{
    None,
    One,
    Several,
    Category,
    Overview,
}
