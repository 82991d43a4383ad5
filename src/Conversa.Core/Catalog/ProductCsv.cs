using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conversa.Core.Catalog;

/// <summary>
/// The CSV form of a product: which columns exist, how a row's cells become a product (merged over the
/// existing one when its sku matches, so a file with only <c>sku,price</c> updates prices), and how a
/// product becomes a row again so that export → import round-trips.
/// </summary>
public static class ProductCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["sku", "name", "description", "price", "currency", "category", "stock", "active", "attributes"];

    /// <summary>What is wrong with a header row, or null when it is usable.</summary>
    public static string? CheckHeader(IReadOnlyList<string> header)
    {
        var unknown = header.Where(h => !Columns.Contains(h)).ToList();
        if (unknown.Count > 0)
        {
            return $"unknown column(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the columns are {string.Join(",", Columns)}.";
        }
        var repeated = header.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            return $"column(s) {string.Join(", ", repeated)} appear more than once.";
        }
        return header.Contains("sku") || (header.Contains("name") && header.Contains("price"))
            ? null
            : "the header needs sku (to update products) or name and price (to create them).";
    }

    /// <summary>
    /// The product a row describes: the cells present in the file over <paramref name="existing"/> (or over an
    /// empty product). An empty cell clears an optional field. Returns the parse error instead when a cell is malformed.
    /// </summary>
    public static (ProductInput? Input, string? Error) Read(IReadOnlyDictionary<string, string> cells, ProductInput? existing)
    {
        var input = existing ?? new ProductInput(null, null, null);
        foreach (var (column, raw) in cells)
        {
            var value = raw.Trim();
            var empty = value.Length == 0;
            switch (column)
            {
                case "sku": input = input with { Sku = empty ? null : value }; break;
                case "name": input = input with { Name = value }; break;
                case "description": input = input with { Description = empty ? null : value }; break;
                case "currency": input = input with { Currency = empty ? null : value }; break;
                case "category": input = input with { Category = empty ? null : value }; break;
                case "price":
                    if (empty)
                    {
                        input = input with { Price = null };
                    }
                    else if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var price))
                    {
                        input = input with { Price = price };
                    }
                    else
                    {
                        return (null, $"price '{value}' is not a number (use a dot for decimals, e.g. 12.50).");
                    }
                    break;
                case "stock":
                    if (empty)
                    {
                        input = input with { Stock = null };
                    }
                    else if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var stock))
                    {
                        input = input with { Stock = stock };
                    }
                    else
                    {
                        return (null, $"stock '{value}' is not a whole number.");
                    }
                    break;
                case "active":
                    if (empty)
                    {
                        input = input with { Active = null };
                    }
                    else if (ParseBoolean(value) is { } active)
                    {
                        input = input with { Active = active };
                    }
                    else
                    {
                        return (null, $"active '{value}' must be true or false.");
                    }
                    break;
                case "attributes":
                    if (empty)
                    {
                        input = input with { Attributes = null };
                        break;
                    }
                    try
                    {
                        if (JsonNode.Parse(value) is not JsonObject attributes)
                        {
                            return (null, "attributes must be a JSON object, e.g. {\"year\": 2021}.");
                        }
                        input = input with { Attributes = attributes };
                    }
                    catch (JsonException)
                    {
                        return (null, "attributes is not valid JSON; it must be a JSON object, e.g. {\"year\": 2021}.");
                    }
                    break;
            }
        }
        return (input, null);
    }

    /// <summary>The cells of a product in <see cref="Columns"/> order.</summary>
    public static string[] Write(ProductInput product)
    {
        var attributes = product.Attributes is JsonObject { Count: > 0 } a ? a.ToJsonString() : "";
        return
        [
            product.Sku ?? "",
            product.Name ?? "",
            product.Description ?? "",
            product.Price is { } price ? Money.Format(price) : "",
            product.Currency ?? "",
            product.Category ?? "",
            product.Stock?.ToString(CultureInfo.InvariantCulture) ?? "",
            product.Active == false ? "false" : "true",
            attributes,
        ];
    }

    private static bool? ParseBoolean(string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "si" or "sí" or "sim" => true,
        "false" or "0" or "no" or "nao" or "não" => false,
        _ => null,
    };
}
