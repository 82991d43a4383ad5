using System.Text.Json.Nodes;
using Conversa.Core.Catalog;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>
/// Finds what a customer asks about among the scope tenant's active products and bookable services, with
/// <see cref="ProductSearch"/>'s rules (accents, case and small typos do not matter; every term must match). A
/// question whose terms all name a product category lists that category; one clearly best item is answered alone,
/// with up to three others of its category; several equally good ones are listed. A term no item knows at all
/// ("quisiera", a misspelt filler) is dropped when most of the question still matches, never when it would leave
/// half of what was asked unanswered ("bicicletas rojas" does not become "rojas") — unless what remains names an item
/// ("¿de qué año es el Corolla?" is about the Corolla).
/// The items are read once per tenant and kept in <see cref="TenantReadCache"/> until the catalog or the services change.
/// </summary>
public sealed class CatalogSearch(AppDbContext db, TenantReadCache cache)
{
    public const int MaxListed = 5;
    public const int MaxSimilar = 3;

    private static readonly TenantCached<IReadOnlyList<CatalogItem>> Items = new("catalog", ReadAsync, items => items.Count + 1);

    public Task<IReadOnlyList<CatalogItem>> LoadAsync(CancellationToken cancellationToken) => cache.GetAsync(db, Items, cancellationToken);

    private static async Task<IReadOnlyList<CatalogItem>> ReadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var products = await db.Products.AsNoTracking().Where(p => p.Active)
            .Select(p => new { p.Id, p.Name, p.Category, p.Price, p.Currency, p.Stock, p.AttributesJson, p.Url, p.SearchText })
            .ToListAsync(cancellationToken);
        var services = await db.Services.AsNoTracking().Where(s => s.Active)
            .Select(s => new { s.Id, s.Name, s.Price, s.Currency, s.DurationMinutes, s.Description })
            .ToListAsync(cancellationToken);
        var items = new List<CatalogItem>(products.Count + services.Count);
        foreach (var p in products)
        {
            var attributes = JsonNode.Parse(p.AttributesJson) as JsonObject ?? [];
            var searchText = string.Join(' ', new[] { p.SearchText, ProductSearch.Normalize(string.Join(' ', AttributeValues(attributes))) }.Where(s => s.Length > 0));
            items.Add(new CatalogItem(CatalogItem.Product, p.Id, p.Name, p.Category, p.Price, p.Currency, p.Stock, attributes, p.Url, null,
                searchText, ProductSearch.Normalize(p.Name)));
        }
        foreach (var s in services)
        {
            items.Add(new CatalogItem(CatalogItem.Service, s.Id, s.Name, null, s.Price, s.Currency, null, [], null, s.DurationMinutes,
                ProductSearch.SearchTextOf(s.Name, null, null, s.Description), ProductSearch.Normalize(s.Name)));
        }
        return items;
    }

    public static CatalogMatch Match(IReadOnlyList<CatalogItem> items, IReadOnlyList<string> terms)
    {
        if (items.Count == 0)
        {
            return CatalogMatch.Nothing;
        }
        if (terms.Count == 0)
        {
            var overview = items.OrderBy(i => i.OutOfStock).ThenBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
            return new CatalogMatch(CatalogMatchKind.Overview, overview.Take(MaxListed).ToList(), overview.Count);
        }
        var category = items.Where(i => i.Category is not null)
            .GroupBy(i => ProductSearch.Normalize(i.Category), StringComparer.Ordinal)
            .Select(g => (Items: g.ToList(), Score: ProductSearch.Score(terms, g.Key)))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.Items.Count)
            .FirstOrDefault();
        if (category.Items is { } inCategory)
        {
            var listed = Listing(inCategory);
            return new CatalogMatch(CatalogMatchKind.Category, listed.Take(MaxListed).ToList(), listed.Count, inCategory[0].Category);
        }

        var ranked = Rank(items, terms);
        if (ranked.Count == 0)
        {
            var known = terms.Where(t => items.Any(i => ProductSearch.Score([t], i.SearchText) > 0)).ToList();
            if (known.Count > 0 && known.Count > terms.Count - known.Count)
            {
                ranked = Rank(items, known);
            }
        }
        if (ranked.Count == 0)
        {
            // A term that is part of an item's name is what the question is about, whatever else it says:
            // "me regalas el precio del botox", "qual a quilometragem do Compass?", "I'd like the beanie".
            var named = terms.Where(t => items.Any(i => ProductSearch.Score([t], i.NameText) > 0)).ToList();
            if (named.Count > 0)
            {
                ranked = Rank(items, named);
            }
        }
        if (ranked.Count == 0)
        {
            return CatalogMatch.Nothing;
        }
        if (ranked.Count == 1 || ranked[1].Score < ranked[0].Score)
        {
            var best = ranked[0].Item;
            return new CatalogMatch(CatalogMatchKind.One, [best], 1, best.Category, SimilarTo(best, items));
        }
        return new CatalogMatch(CatalogMatchKind.Several, ranked.Take(MaxListed).Select(r => r.Item).ToList(), ranked.Count);
    }

    /// <summary>Up to three other active products of the same category, those in stock first.</summary>
    public static IReadOnlyList<CatalogItem> SimilarTo(CatalogItem item, IReadOnlyList<CatalogItem> items)
    {
        if (item.Category is null)
        {
            return [];
        }
        var category = ProductSearch.Normalize(item.Category);
        return Listing(items.Where(i => i.Id != item.Id && i.Category is not null && ProductSearch.Normalize(i.Category) == category))
            .Take(MaxSimilar).ToList();
    }

    // A name match counts twice: "botox" is the Botox service before a cream whose description mentions botox.
    private static List<(CatalogItem Item, int Score)> Rank(IReadOnlyList<CatalogItem> items, IReadOnlyList<string> terms) =>
        items.Select(i => (Item: i, Full: ProductSearch.Score(terms, i.SearchText), Name: ProductSearch.Score(terms, i.NameText)))
            .Where(s => s.Full > 0)
            .Select(s => (s.Item, Score: s.Full + s.Name))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Item.OutOfStock).ThenBy(s => s.Item.Name, StringComparer.Ordinal)
            .ToList();

    private static List<CatalogItem> Listing(IEnumerable<CatalogItem> items) =>
        items.OrderBy(i => i.OutOfStock).ThenBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id).ToList();

    private static IEnumerable<string> AttributeValues(JsonObject attributes)
    {
        foreach (var (_, value) in attributes)
        {
            switch (value)
            {
                case JsonValue scalar:
                    yield return scalar.ToString();
                    break;
                case JsonArray list:
                    foreach (var element in list.OfType<JsonValue>())
                    {
                        yield return element.ToString();
                    }
                    break;
            }
        }
    }
}
