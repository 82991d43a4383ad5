using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Catalog;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Catalog;

public static class ProductEndpoints
{
    public static void MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Catalog");
        products.MapGet("", List).RequireTenant();
        products.MapPost("", Create).RequireTenantManager();
        products.MapGet("/categories", Categories).RequireTenant();
        products.MapGet("/count", Count).RequireTenant();
        products.MapGet("/{id:guid}", Get).RequireTenant();
        products.MapPut("/{id:guid}", Replace).RequireTenantManager();
        products.MapPatch("/{id:guid}", Patch).RequireTenantManager();
        products.MapDelete("/{id:guid}", Delete).RequireTenantManager();
    }

    public sealed record CategoryCount(string Name, int Count);

    public sealed record CategoryList(IReadOnlyList<CategoryCount> Categories);

    public sealed record ProductCount(int Count);

    private static async Task<IResult> List(
        [AsParameters] ProductQuery query, int? limit, string? cursor, AppDbContext db, CancellationToken cancellationToken)
    {
        if (query.Problem() is { } problem)
        {
            return problem;
        }
        var filtered = await query.FilterAsync(db.Products.AsNoTracking(), cancellationToken);
        if (query.Terms.Count == 0)
        {
            return await filtered.OrderBy(p => p.Name).ThenBy(p => p.Id).ToPageAsync(limit, cursor, ProductView.From, cancellationToken);
        }
        if (!Paging.TryParse(limit, cursor, out var paging, out var pagingProblem))
        {
            return pagingProblem!;
        }
        var ranked = await query.RankAsync(filtered, cancellationToken);
        var pageIds = ranked.Skip(paging.Offset).Take(paging.Limit).ToList();
        var rows = await db.Products.AsNoTracking().Where(p => pageIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return TypedResults.Ok(paging.Page(pageIds.Select(id => ProductView.From(rows[id])).ToList(), ranked.Count));
    }

    private static async Task<IResult> Categories([AsParameters] ProductQuery query, AppDbContext db, CancellationToken cancellationToken)
    {
        if (query.Problem() is { } problem)
        {
            return problem;
        }
        var filtered = (await query.FilterAsync(db.Products.AsNoTracking(), cancellationToken)).Where(p => p.Category != null);
        if (query.Terms.Count > 0)
        {
            var ids = await query.RankAsync(filtered, cancellationToken);
            filtered = filtered.Where(p => ids.Contains(p.Id));
        }
        var counts = await filtered.GroupBy(p => p.Category!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return TypedResults.Ok(new CategoryList(
            counts.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase).Select(c => new CategoryCount(c.Key, c.Count)).ToList()));
    }

    private static async Task<IResult> Count([AsParameters] ProductQuery query, AppDbContext db, CancellationToken cancellationToken)
    {
        if (query.Problem() is { } problem)
        {
            return problem;
        }
        var filtered = await query.FilterAsync(db.Products.AsNoTracking(), cancellationToken);
        var count = query.Terms.Count > 0
            ? (await query.RankAsync(filtered, cancellationToken)).Count
            : await filtered.CountAsync(cancellationToken);
        return TypedResults.Ok(new ProductCount(count));
    }

    private static async Task<IResult> Get(Guid id, AppDbContext db, CancellationToken cancellationToken) =>
        await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } product
            ? TypedResults.Ok(ProductView.From(product))
            : NotFound();

    private static async Task<IResult> Create(ProductInput input, AppDbContext db, CancellationToken cancellationToken)
    {
        if (CatalogProblems.Invalid(input.Validate()) is { } problem)
        {
            return problem;
        }
        var sku = input.Normalized().Sku;
        if (sku is not null && await db.Products.AnyAsync(p => p.Sku == sku, cancellationToken))
        {
            return CatalogProblems.SkuTaken(sku);
        }
        var product = Product.Create(input, await TenantCurrency.OfAsync(db, cancellationToken));
        db.Products.Add(product);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request created the same sku between the check above and this save.
            return CatalogProblems.SkuTaken(sku!);
        }
        return TypedResults.Created($"/api/products/{product.Id}", ProductView.From(product));
    }

    private static async Task<IResult> Replace(Guid id, ProductInput input, AppDbContext db, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null ? NotFound() : await SaveAsync(product, input, db, cancellationToken);
    }

    /// <summary>RFC 7396 merge patch over the product: fields not sent are kept, <c>null</c> clears one, attributes merge key by key.</summary>
    private static async Task<IResult> Patch(Guid id, JsonObject patch, AppDbContext db, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return NotFound();
        }
        var (input, error) = ProductJson.Read(JsonMergePatch.Apply(ProductJson.ToJson(product.ToInput()), patch), "");
        if (error is not null)
        {
            return Problems.Validation(error.Field, error.Message);
        }
        return await SaveAsync(product, input!, db, cancellationToken);
    }

    private static async Task<IResult> SaveAsync(Product product, ProductInput input, AppDbContext db, CancellationToken cancellationToken)
    {
        if (CatalogProblems.Invalid(input.Validate()) is { } problem)
        {
            return problem;
        }
        var sku = input.Normalized().Sku;
        if (sku is not null && await db.Products.AnyAsync(p => p.Sku == sku && p.Id != product.Id, cancellationToken))
        {
            return CatalogProblems.SkuTaken(sku);
        }
        product.Apply(input, await TenantCurrency.OfAsync(db, cancellationToken));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return CatalogProblems.SkuTaken(sku!);
        }
        return TypedResults.Ok(ProductView.From(product));
    }

    /// <summary>Soft delete: the product leaves lists but still answers by id, with <c>active: false</c>.</summary>
    private static async Task<IResult> Delete(Guid id, AppDbContext db, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return NotFound();
        }
        if (product.Active)
        {
            product.Active = false;
            product.UpdatedAt = DateTime.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.NoContent();
    }

    private static IResult NotFound() => Problems.NotFound("No such product.");
}
