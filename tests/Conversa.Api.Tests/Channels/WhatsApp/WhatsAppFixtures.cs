using System.Text;
using System.Text.Json.Nodes;

namespace Conversa.Api.Tests.Channels.WhatsApp;

/// <summary>The real payloads of <c>shared/fixtures</c> (copied next to the tests), and helpers to retarget them.</summary>
public static class WhatsAppFixtures
{
    public static string Text(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Channels", "WhatsApp", "Fixtures", name + ".json"));

    public static JsonNode Json(string name) => JsonNode.Parse(Text(name))!;

    /// <summary>
    /// The fixture with its number replaced by <paramref name="phoneNumberId"/> and every message and status id made
    /// unique with <paramref name="suffix"/>, so tests sharing one app never see each other's messages.
    /// </summary>
    public static byte[] For(string name, string phoneNumberId, string suffix, Action<JsonNode>? change = null)
    {
        var body = Json(name);
        foreach (var value in Values(body))
        {
            if (value["metadata"] is JsonObject metadata)
            {
                metadata["phone_number_id"] = phoneNumberId;
            }
            foreach (var item in (value["messages"] as JsonArray ?? []).Concat(value["statuses"] as JsonArray ?? []).OfType<JsonObject>())
            {
                item["id"] = item["id"]!.GetValue<string>() + suffix;
            }
        }
        change?.Invoke(body);
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    public static IEnumerable<JsonObject> Values(JsonNode body) =>
        (body["entry"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(e => (e["changes"] as JsonArray ?? []).OfType<JsonObject>())
            .Select(c => c["value"]).OfType<JsonObject>();

    public static JsonObject FirstMessage(JsonNode body) => (JsonObject)Values(body).First()["messages"]![0]!;
}
