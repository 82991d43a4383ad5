using System.Text.Json.Nodes;
using Conversa.Core.Catalog;

namespace Conversa.Api.Features.Catalog;

/// <summary>A product as the API shows it.</summary>
public sealed record ProductView(
    Guid Id, string Name, string? Description, decimal Price, string Currency, string? Sku, string? Category, int? Stock,
    bool Active, JsonObject Attributes, string? ImageUrl, string? Url, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ProductView From(Product p) =>
        new(p.Id, p.Name, p.Description, p.Price, p.Currency, p.Sku, p.Category, p.Stock, p.Active, p.Attributes(),
            p.ImageUrl, p.Url, p.CreatedAt, p.UpdatedAt);
}
