using System.Text.Json.Nodes;

namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>
/// Something the customer can ask the price of: an active product of the catalog or an active bookable service (a
/// clinic's "botox" is often only the latter). <see cref="SearchText"/> is the product's search text plus its attribute
/// values ("toyota 2021 gasolina"); <see cref="NameText"/> the folded name, so a name match outranks a description one.
/// </summary>
public sealed record CatalogItem(
    string Kind, Guid Id, string Name, string? Category, decimal? Price, string Currency, int? Stock, JsonObject Attributes,
    string? Url, int? DurationMinutes, string SearchText, string NameText)
{
    public const string Product = "product";
    public const string Service = "service";

    public bool IsProduct => Kind == Product;

    public bool OutOfStock => Stock is 0;
}
