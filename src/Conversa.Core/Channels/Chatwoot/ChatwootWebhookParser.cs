using System.Globalization;
using System.Text.Json;

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

    /// <summary>
    /// Null when the body is not a JSON object. Read with a <see cref="JsonDocument"/> over the body as received: this
    /// runs on every acknowledgement, and a <c>JsonNode</c> tree built a dictionary for every object it touched.
    /// </summary>
    public static ChatwootEvent? Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object ? Parse(document.RootElement) : null;
        }
    }

    private static ChatwootEvent Parse(JsonElement payload)
    {
        var name = Text(Get(payload, "event"));
        var conversation = Get(payload, "conversation");
        var accountId = Number(Get(Get(payload, "account"), "id")) ?? Number(Get(payload, "account_id")) ?? Number(Get(conversation, "account_id"))
            ?? Number(Get(Get(Get(payload, "sender"), "account"), "id"));
        var inboxId = Number(Get(Get(payload, "inbox"), "id")) ?? Number(Get(payload, "inbox_id")) ?? Number(Get(conversation, "inbox_id"));
        if (name != MessageCreated)
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, name is null ? "no event name" : $"event {name} is not answered");
        }

        var type = MessageType(Get(payload, "message_type"));
        if (type != "incoming")
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, $"message_type {type ?? "(none)"} is not a customer's message");
        }
        if (Flag(Get(payload, "private")))
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, "private note");
        }
        var sender = Get(payload, "sender");
        var senderType = Text(Get(sender, "type")) ?? Text(Get(payload, "sender_type"));
        if (senderType is not null && !senderType.Equals("contact", StringComparison.OrdinalIgnoreCase))
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, $"sent by a {senderType}, not a contact");
        }

        var messageId = Text(Get(payload, "id"));
        var conversationId = Text(Get(conversation, "display_id")) ?? Text(Get(conversation, "id")) ?? Text(Get(payload, "conversation_id"));
        if (messageId is null || conversationId is null)
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, "no message or conversation id");
        }
        var content = Text(Get(payload, "content"))?.Trim() ?? "";
        var attachments = Get(payload, "attachments") is { ValueKind: JsonValueKind.Array } list ? list.GetArrayLength() : 0;
        if (content.Length == 0 && attachments == 0)
        {
            return ChatwootEvent.Skip(name, accountId, inboxId, "empty message");
        }
        var contact = new ChatwootContact(
            Text(Get(sender, "id")) ?? Text(Get(Get(conversation, "contact_inbox"), "contact_id")),
            Text(Get(sender, "name")),
            Text(Get(sender, "phone_number")),
            Text(Get(sender, "email")),
            Text(Get(sender, "identifier")));
        var status = Text(Get(conversation, "status"));
        return new ChatwootEvent(name, accountId, inboxId,
            new ChatwootIncoming(messageId, conversationId, status, content, attachments, contact), null);
    }

    /// <summary><c>incoming</c>, <c>outgoing</c>, <c>activity</c>, <c>template</c>; the numbers Chatwoot's database uses map to the same.</summary>
    private static string? MessageType(JsonElement? node) => Text(node) switch
    {
        "0" => "incoming",
        "1" => "outgoing",
        "2" => "activity",
        "3" => "template",
        { } text => text.Trim().ToLowerInvariant(),
        null => null,
    };

    /// <summary>A property of an object; null when the parent is missing or not an object, or has no such property.</summary>
    private static JsonElement? Get(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } node && node.TryGetProperty(name, out var value) ? value : null;

    /// <summary>A string as is, a number or boolean as its JSON text; null for anything else or blank.</summary>
    private static string? Text(JsonElement? node)
    {
        var text = node?.ValueKind switch
        {
            JsonValueKind.String => node.Value.GetString(),
            JsonValueKind.Number => node.Value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static long? Number(JsonElement? node) =>
        Text(node) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static bool Flag(JsonElement? node) => Text(node)?.ToLowerInvariant() is "true" or "1";
}
