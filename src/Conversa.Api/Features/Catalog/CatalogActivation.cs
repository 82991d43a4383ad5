using Conversa.Core.Catalog;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Catalog;

/// <summary>
/// Makes a snapshot's items the catalog. Products whose sku is in the snapshot are updated in place (their ids,
/// and so anything pointing at them, survive a publish); every other product is removed; the rest are created.
/// Only tracked changes are made here: the caller's single SaveChanges applies them all in one transaction.
/// </summary>
internal static class CatalogActivation
{
    public static async Task ReplaceProductsAsync(AppDbContext db, IReadOnlyList<ProductInput> items, string currency, CancellationToken cancellationToken)
    {
        var current = await db.Products.ToListAsync(cancellationToken);
        var bySku = current.Where(p => p.Sku is not null).ToDictionary(p => p.Sku!, StringComparer.Ordinal);
        var kept = new HashSet<Guid>();
        foreach (var item in items)
        {
            var sku = item.Normalized().Sku;
            if (sku is not null && bySku.TryGetValue(sku, out var product))
            {
                product.Apply(item, currency);
                kept.Add(product.Id);
            }
            else
            {
                db.Products.Add(Product.Create(item, currency));
            }
        }
        db.Products.RemoveRange(current.Where(p => !kept.Contains(p.Id)));
    }
}
