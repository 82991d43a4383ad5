using System.Text.Json.Nodes;
using Conversa.Core.Tenancy;

namespace Conversa.Core.Catalog;

/// <summary>
/// A product as clients send it (JSON body, catalog snapshot item, CSV row). The same rules apply to every
/// way in, so a product that can be created one way can be published or imported the other ways.
/// </summary>
public sealed record ProductInput(
    string? Name,
    string? Description,
    decimal? Price,
    string? Currency = null,
    string? Sku = null,
    string? Category = null,
    int? Stock = null,
    bool? Active = null,
    JsonNode? Attributes = null,
    string? ImageUrl = null,
    string? Url = null)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxCodeLength = 100;
    public const int MaxUrlLength = 2048;
    public const int MaxAttributesLength = 16 * 1024;

    /// <summary>Strings trimmed (blank ones become absent), the currency upper-cased.</summary>
    public ProductInput Normalized() => this with
    {
        Name = Clean(Name),
        Description = Clean(Description),
        Currency = Clean(Currency)?.ToUpperInvariant(),
        Sku = Clean(Sku),
        Category = Clean(Category),
        ImageUrl = Clean(ImageUrl),
        Url = Clean(Url),
    };

    /// <summary>Field errors, named with <paramref name="prefix"/> (e.g. <c>products[3].</c>) as clients see them.</summary>
    public IReadOnlyList<FieldError> Validate(string prefix = "")
    {
        var input = Normalized();
        var errors = new List<FieldError>();
        void Check(bool invalid, string field, string message)
        {
            if (invalid)
            {
                errors.Add(new FieldError(prefix + field, message));
            }
        }

        Check(input.Name is null, "name", "name is required.");
        Check(input.Name?.Length > MaxNameLength, "name", $"name is at most {MaxNameLength} characters.");
        Check(input.Description?.Length > MaxDescriptionLength, "description", $"description is at most {MaxDescriptionLength} characters.");
        Check(input.Price is null, "price", "price is required.");
        Check(input.Price < 0, "price", "price must be zero or more.");
        Check(input.Price > Money.MaxAmount, "price", $"price must be at most {Money.MaxAmount}.");
        Check(input.Price is { } p && !Money.HasSupportedPrecision(p), "price", $"price has at most {Money.Decimals} decimal places.");
        Check(input.Currency is not null && !TenantValidation.IsValidCurrency(input.Currency), "currency",
            "currency must be an ISO 4217 code such as USD, EUR or COP.");
        Check(input.Sku?.Length > MaxCodeLength, "sku", $"sku is at most {MaxCodeLength} characters.");
        Check(input.Category?.Length > MaxCodeLength, "category", $"category is at most {MaxCodeLength} characters.");
        Check(input.Stock < 0, "stock", "stock must be zero or more.");
        Check(input.Attributes is not (null or JsonObject), "attributes", "attributes must be a JSON object, e.g. {\"year\": 2021, \"km\": 35000}.");
        Check(input.Attributes is JsonObject a && a.ToJsonString().Length > MaxAttributesLength, "attributes",
            $"attributes are at most {MaxAttributesLength} bytes of JSON.");
        Check(input.ImageUrl is not null && !WebAddress.IsAbsoluteHttp(input.ImageUrl, MaxUrlLength), "image_url",
            "image_url must be an absolute http(s) URL.");
        Check(input.Url is not null && !WebAddress.IsAbsoluteHttp(input.Url, MaxUrlLength), "url", "url must be an absolute http(s) URL.");
        return errors;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
