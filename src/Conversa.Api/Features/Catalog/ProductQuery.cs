using Conversa.Api.Hosting;
using Conversa.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Catalog;

/// <summary>
/// The filters every product read takes: <c>q</c> (accent- and typo-tolerant, ranked in process by
/// <see cref="ProductSearch"/>), <c>category</c>, <c>active</c> (<c>true</c> by default, <c>false</c>, <c>all</c>),
/// <c>min_price</c>, <c>max_price</c>.
/// </summary>
public sealed record ProductQuery(
    string? Q,
    string? Category,
    string? Active,
    [FromQuery(Name = "min_price")] decimal? MinPrice,
    [FromQuery(Name = "max_price")] decimal? MaxPrice)
{
    public IResult? Problem()
    {
        var errors = new ValidationErrors();
        errors.When(Active is not (null or "" or "true" or "false" or "all"), "active", "active must be true, false or all.");
        errors.When(MinPrice < 0, "min_price", "min_price must be zero or more.");
        errors.When(MaxPrice < 0, "max_price", "max_price must be zero or more.");
        errors.When(MinPrice > Money.MaxAmount, "min_price", $"min_price must be at most {Money.MaxAmount}.");
        errors.When(MaxPrice > Money.MaxAmount, "max_price", $"max_price must be at most {Money.MaxAmount}.");
        errors.When(Q?.Length > 200, "q", "q is at most 200 characters.");
        return errors.Any ? Problems.Validation(errors.ToDictionary()) : null;
    }

    /// <summary>The filters that run in the database (everything but <c>q</c>).</summary>
    public async Task<IQueryable<Product>> FilterAsync(IQueryable<Product> products, CancellationToken cancellationToken)
    {
        products = Active switch
        {
            "all" => products,
            "false" => products.Where(p => !p.Active),
            _ => products.Where(p => p.Active),
        };
        if (!string.IsNullOrWhiteSpace(Category))
        {
            // A tenant has few categories: they are matched in process, so "faciales" finds "Faciales" on both databases.
            var wanted = ProductSearch.Normalize(Category);
            var categories = await products.Where(p => p.Category != null).Select(p => p.Category!).Distinct().ToListAsync(cancellationToken);
            var matching = categories.Where(c => ProductSearch.Normalize(c) == wanted).ToList();
            products = products.Where(p => p.Category != null && matching.Contains(p.Category));
        }
        if (MinPrice is { } min)
        {
            var bound = Money.CeilingToStored(min);
            products = products.Where(p => p.Price >= bound);
        }
        if (MaxPrice is { } max)
        {
            var bound = Money.FloorToStored(max);
            products = products.Where(p => p.Price <= bound);
        }
        return products;
    }

    public IReadOnlyList<string> Terms => ProductSearch.Terms(Q);

    /// <summary>Ids of the filtered products that match <c>q</c>, best first.</summary>
    public async Task<List<Guid>> RankAsync(IQueryable<Product> filtered, CancellationToken cancellationToken)
    {
        var terms = Terms;
        var candidates = await filtered.Select(p => new { p.Id, p.Name, p.SearchText }).ToListAsync(cancellationToken);
        return candidates
            .Select(c => (c.Id, c.Name, Score: ProductSearch.Score(terms, c.SearchText)))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id)
            .Select(c => c.Id)
            .ToList();
    }
}
