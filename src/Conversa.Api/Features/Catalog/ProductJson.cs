using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Core.Catalog;

namespace Conversa.Api.Features.Catalog;

/// <summary>Reads a <see cref="ProductInput"/> from JSON that was parsed already (a PATCH result, a snapshot item).</summary>
internal static class ProductJson
{
    public static JsonNode ToJson(ProductInput input) => JsonSerializer.SerializeToNode(input, JsonDefaults.Options)!;

    /// <summary>The product, or the field whose JSON has the wrong type (named with <paramref name="prefix"/>).</summary>
    public static (ProductInput? Input, FieldError? Error) Read(JsonNode? node, string prefix)
    {
        if (node is not JsonObject)
        {
            return (null, new FieldError(prefix.TrimEnd('.'), "each product must be a JSON object."));
        }
        try
        {
            return (node.Deserialize<ProductInput>(JsonDefaults.Options), null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "";
            var name = field.Length > 0 ? prefix + field : prefix.TrimEnd('.');
            return (null, new FieldError(name.Length > 0 ? name : "body", $"{(field.Length > 0 ? field : "the value")} has the wrong JSON type."));
        }
    }
}
