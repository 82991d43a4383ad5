using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Conversa.Infrastructure.Persistence.Conversations;

/// <summary>
/// A free-form JSON object (message metadata, dialog slots) stored as JSON text and compared by content, so
/// changing a key inside it is seen as a change.
/// </summary>
internal static class JsonObjectColumn
{
    public static readonly ValueConverter<JsonObject, string> Converter = new(
        v => v.ToJsonString(null),
        v => JsonNode.Parse(v, null, default) as JsonObject ?? new JsonObject((JsonNodeOptions?)null));

    public static readonly ValueComparer<JsonObject> Comparer = new(
        (a, b) => JsonNode.DeepEquals(a, b),
        v => v.ToJsonString(null).GetHashCode(StringComparison.Ordinal),
        v => v.DeepClone().AsObject());
}
