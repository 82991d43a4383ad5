using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conversa.Core.Channels.Chatwoot;

/// <summary>
/// Reads a Chatwoot webhook (agent bot or account webhook: the same payload) leniently: ids may come as numbers or
/// strings, <c>message_type</c> as <c>"incoming"</c> or <c>0</c>, fields may be missing or null. Only
/// <c>message_created</c> for an incoming, non-private message from a contact is something to answer; everything
/// else (our own and agents' outgoing messages, private notes, activity, other events) is ignored with a reason, so
/// the bot never answers itself. Never throws on a payload it does not understand.
/// </summary>
public static class ChatwootWebhookParser
{
    public const string MessageCreated = "message_created";

    /// <summary>Null when the body is not a JSON object.</summary>
    public static ChatwootEvent? Parse(ReadOnlySpan<byte> body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        return root is JsonObject payload ? Parse(payload) : null;
    }

    public static ChatwootEvent Parse(JsonObject payload)
    {
        var name = Text(payload["event"]);
        var conversation = payload["conversation"] as JsonObject;
        var accountId = Number(Child(payload, "account", "id")) ?? Number(payload["account_id"]) ?? Number(conversation?["account_id"])
            ?? Number(Child(payload, "sender", "account") is JsonObject senderAccount ? senderAccount["id"] : null);
        var inboxId = Number(Child(payload, "inbox", "id")) ?? Number(payload["inbox_id"]) ?? Number(conversation?["inbox_id"]);
        if (name != MessageCreated)
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, name is null ? "no event name" : $"event {name} is not answered");
        }

        var type = MessageType(payload["message_type"]);
        if (type != "incoming")
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, $"message_type {type ?? "(none)"} is not a customer's message");
        }
        if (Flag(payload["private"]))
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, "private note");
        }
        var sender = payload["sender"] as JsonObject;
        var senderType = Text(sender?["type"]) ?? Text(payload["sender_type"]);
        if (senderType is not null && !senderType.Equals("contact", StringComparison.OrdinalIgnoreCase))
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, $"sent by a {senderType}, not a contact");
        }

        var messageId = Text(payload["id"]);
        var conversationId = Text(conversation?["display_id"]) ?? Text(conversation?["id"]) ?? Text(payload["conversation_id"]);
        if (messageId is null || conversationId is null)
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, "no message or conversation id");
        }
        var content = Text(payload["content"])?.Trim() ?? "";
        var attachments = payload["attachments"] is JsonArray list ? list.Count : 0;
        if (content.Length == 0 && attachments == 0)
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, "empty message");
        }
        var contact = new ChatwootContact(
            Text(sender?["id"]) ?? Text(Child(conversation, "contact_inbox", "contact_id")),
            Text(sender?["name"]),
            Text(sender?["phone_number"]),
            Text(sender?["email"]),
            Text(sender?["identifier"]));
        var status = Text(conversation?["status"]);
        return new ChatwootEvent(name, accountId, inboxId,
            new ChatwootIncoming(messageId, conversationId, status, content, attachments, contact), null);
    }

    /// <summary><c>incoming</c>, <c>outgoing</c>, <c>activity</c>, <c>template</c>; the numbers Chatwoot's database uses map to the same.</summary>
    private static string? MessageType(JsonNode? node) => Text(node) switch
    {
        "0" => "incoming",
        "1" => "outgoing",
        "2" => "activity",
        "3" => "template",
        { } text => text.Trim().ToLowerInvariant(),
        null => null,
    };

    private static JsonNode? Child(JsonObject? parent, string name, string child) => (parent?[name] as JsonObject)?[child];

    /// <summary>A string as is, a number or boolean as its JSON text; null for anything else or blank.</summary>
    private static string? Text(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }
        var text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.TryGetValue<string>(out var s) ? s : null,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static long? Number(JsonNode? node) =>
        Text(node) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static bool Flag(JsonNode? node) => Text(node)?.ToLowerInvariant() is "true" or "1";
}
