using System.Text.Json.Nodes;
using Conversa.Core.Tenancy;

namespace Conversa.Core.Catalog;

/// <summary>
/// Something a tenant sells. Deleting a product only deactivates it, so conversations and links that
/// mention it still find it; <see cref="SearchText"/> is the normalised text that search matches against.
/// </summary>
public sealed class Product : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public decimal Price { get; set; }
    public string Currency { get; set; } = "";
    public string? Sku { get; set; }
    public string? Category { get; set; }
    public int? Stock { get; set; }
    public bool Active { get; set; } = true;
    /// <summary>Sector-specific facts as a JSON object: a vehicle's year and km, a flat's m², a part's fitment.</summary>
    public string AttributesJson { get; set; } = "{}";
    public string? ImageUrl { get; set; }
    public string? Url { get; set; }
    public string SearchText { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public static Product Create(ProductInput input, string defaultCurrency)
    {
        var product = new Product();
        product.Apply(input, defaultCurrency);
        return product;
    }

    /// <summary>Replaces every field with the input's (which must have passed <see cref="ProductInput.Validate"/>).</summary>
    public void Apply(ProductInput input, string defaultCurrency)
    {
        var normalized = input.Normalized();
        Name = normalized.Name!;
        Description = normalized.Description;
        Price = Money.Normalize(normalized.Price!.Value);
        Currency = normalized.Currency ?? defaultCurrency;
        Sku = normalized.Sku;
        Category = normalized.Category;
        Stock = normalized.Stock;
        Active = normalized.Active ?? true;
        AttributesJson = normalized.Attributes?.ToJsonString() ?? "{}";
        ImageUrl = normalized.ImageUrl;
        Url = normalized.Url;
        SearchText = ProductSearch.SearchTextOf(Name, Sku, Category, Description);
        UpdatedAt = DateTime.UtcNow;
    }

    public JsonObject Attributes() => JsonNode.Parse(AttributesJson) as JsonObject ?? [];

    /// <summary>The product as input again: the base a PATCH merges into, and what CSV export and snapshots hold.</summary>
    public ProductInput ToInput() =>
        new(Name, Description, Price, Currency, Sku, Category, Stock, Active, Attributes(), ImageUrl, Url);
}
