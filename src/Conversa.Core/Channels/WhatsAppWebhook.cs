using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conversa.Core.Channels;

/// <summary>
/// Reads WhatsApp Cloud API webhook bodies leniently: Meta batches entries and changes, adds fields and message
/// types over time, and omits what a user does not have (a phone number for people known by username). Nothing
/// here throws on a surprising shape; what cannot be used is left out.
/// </summary>
public static class WhatsAppWebhook
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };
    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement;

    /// <summary>
    /// Every message and status in the body, one update each; null when the body is not JSON at all. Read with a
    /// <see cref="JsonDocument"/> and each payload written with a <see cref="Utf8JsonWriter"/>: this runs on every
    /// acknowledgement, and a DOM parse, clone and re-serialisation allocated several times the body.
    /// </summary>
    public static IReadOnlyList<WhatsAppUpdate>? Split(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var updates = new List<WhatsAppUpdate>();
            var buffer = new ArrayBufferWriter<byte>(Math.Min(body.Length + 256, 64 * 1024));
            using var writer = new Utf8JsonWriter(buffer);
            try
            {
                Collect(document.RootElement, updates, buffer, writer);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
            {
                // JSON that parses but breaks a reader: keep what was read before it.
            }
            return updates;
        }
    }

    private static void Collect(JsonElement root, List<WhatsAppUpdate> updates, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer)
    {
        foreach (var entry in Items(root, "entry"))
        {
            foreach (var change in Items(entry, "changes"))
            {
                var field = Str(change, "field");
                if (field is not null && field != "messages")
                {
                    continue;
                }
                if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                var metadata = value.TryGetProperty("metadata", out var m) ? m : default;
                var phoneNumberId = Str(metadata, "phone_number_id");
                foreach (var message in Items(value, "messages"))
                {
                    if (message.ValueKind != JsonValueKind.Object || Str(message, "id") is not { } id)
                    {
                        continue;
                    }
                    writer.WriteStartObject();
                    writer.WriteString("phone_number_id", phoneNumberId);
                    writer.WriteString("display_phone_number", Str(metadata, "display_phone_number"));
                    writer.WritePropertyName("contact");
                    if (ContactOf(message, value) is { } contact)
                    {
                        contact.WriteTo(writer);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }
                    writer.WritePropertyName("message");
                    message.WriteTo(writer);
                    writer.WriteEndObject();
                    updates.Add(new WhatsAppUpdate(phoneNumberId, "msg:" + id, WhatsAppUpdate.MessageKind, Take(buffer, writer)));
                }
                foreach (var status in Items(value, "statuses"))
                {
                    if (status.ValueKind != JsonValueKind.Object || Str(status, "id") is not { } id || Str(status, "status") is not { } state)
                    {
                        continue;
                    }
                    writer.WriteStartObject();
                    writer.WriteString("phone_number_id", phoneNumberId);
                    writer.WritePropertyName("status");
                    status.WriteTo(writer);
                    writer.WriteEndObject();
                    updates.Add(new WhatsAppUpdate(phoneNumberId, $"status:{id}:{state}", WhatsAppUpdate.StatusKind, Take(buffer, writer)));
                }
            }
        }
    }

    /// <summary>The JSON written so far as text; the writer and its buffer start again empty.</summary>
    private static string Take(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer)
    {
        writer.Flush();
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
        writer.Reset();
        return text;
    }

    /// <summary>The contact entry of the message's sender (by phone or user id); the only one when the body has one.</summary>
    private static JsonElement? ContactOf(JsonElement message, JsonElement value)
    {
        var from = Str(message, "from");
        var fromUser = Str(message, "from_user_id");
        JsonElement? only = null;
        var count = 0;
        foreach (var contact in Items(value, "contacts"))
        {
            if (contact.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            if ((from is not null && Str(contact, "wa_id") == from) || (fromUser is not null && Str(contact, "user_id") == fromUser))
            {
                return contact;
            }
            only = contact;
            count++;
        }
        return count == 1 ? only : null;
    }

    /// <summary>The elements of an array property; none when the property is missing or not an array.</summary>
    private static JsonElement.ArrayEnumerator Items(JsonElement node, string name) =>
        (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items
            : EmptyArray).EnumerateArray();

    /// <summary>A string or number field as text, as <see cref="Str(JsonNode?, string)"/> reads it from a node.</summary>
    private static string? Str(JsonElement node, string name)
    {
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out var value))
        {
            return null;
        }
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>The message of a <see cref="WhatsAppUpdate.MessageKind"/> payload; null when it cannot be answered (no sender).</summary>
    public static WhatsAppInbound? ReadMessage(string payload)
    {
        try
        {
            return Message(payload);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static WhatsAppInbound? Message(string payload)
    {
        if (Parse(payload) is not JsonObject root || root["message"] is not JsonObject message || Str(message, "id") is not { } id)
        {
            return null;
        }
        var contact = root["contact"] as JsonObject;
        var waId = Str(contact, "wa_id");
        var userId = Str(contact, "user_id") ?? Str(message, "from_user_id");
        var from = Str(message, "from") ?? waId ?? userId;
        if (from is null)
        {
            return null;
        }
        var type = Str(message, "type") ?? "unknown";
        var (kind, text, media) = Content(message, type);
        return new WhatsAppInbound(
            id,
            Str(root, "phone_number_id") ?? "",
            from,
            waId ?? (from.All(char.IsAsciiDigit) ? from : null),
            userId,
            Str(Child(contact, "profile"), "username"),
            Str(Child(contact, "profile"), "name"),
            kind,
            type,
            text,
            media,
            Time(Str(message, "timestamp")));
    }

    /// <summary>The report of a <see cref="WhatsAppUpdate.StatusKind"/> payload; null when it names no message or state.</summary>
    public static WhatsAppStatusReport? ReadStatus(string payload)
    {
        try
        {
            return Status(payload);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static WhatsAppStatusReport? Status(string payload)
    {
        if (Child(Parse(payload), "status") is not JsonObject status || Str(status, "id") is not { } id || Str(status, "status") is not { } state)
        {
            return null;
        }
        var error = Items(status["errors"]).OfType<JsonObject>().FirstOrDefault();
        var reason = error is null ? null : string.Join(": ", new[]
        {
            Str(error, "code"),
            Str(error, "title") ?? Str(error, "message"),
            Str(Child(error, "error_data"), "details"),
        }.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct());
        return new WhatsAppStatusReport(id, state.ToLowerInvariant(), Str(status, "recipient_id"), Time(Str(status, "timestamp")),
            string.IsNullOrEmpty(reason) ? null : reason);
    }

    private static (WhatsAppMessageKind Kind, string? Text, WhatsAppMedia? Media) Content(JsonObject message, string type)
    {
        var body = Child(message, type);
        switch (type)
        {
            case "text" when Str(body, "body") is { } text && text.Trim().Length > 0:
                return (WhatsAppMessageKind.Text, text.Trim(), null);
            case "audio" or "voice" when Media(body) is { } audio:
                return (WhatsAppMessageKind.Audio, null, audio with { Voice = audio.Voice || type == "voice" });
            case "image" when Media(body) is { } image:
                return (WhatsAppMessageKind.Image, image.Caption, image);
            case "interactive":
                var reply = Child(body, "button_reply") ?? Child(body, "list_reply") ?? Child(body, Str(body, "type") ?? "-");
                var title = Str(reply, "title") ?? Str(reply, "id");
                return title is null ? (WhatsAppMessageKind.Unsupported, null, null) : (WhatsAppMessageKind.Choice, title, null);
            case "button":
                var button = Str(body, "text") ?? Str(body, "payload");
                return button is null ? (WhatsAppMessageKind.Unsupported, null, null) : (WhatsAppMessageKind.Choice, button, null);
            case "reaction" or "system" or "ephemeral" or "request_welcome":
                return (WhatsAppMessageKind.Ignored, null, null);
            default:
                return (WhatsAppMessageKind.Unsupported, Str(body, "caption"), null);
        }
    }

    private static WhatsAppMedia? Media(JsonNode? node) =>
        Str(node, "id") is { } id
            ? new WhatsAppMedia(id, Str(node, "mime_type"), Str(node, "url"), Str(node, "caption")?.Trim() is { Length: > 0 } c ? c : null,
                Child(node, "voice") is JsonValue v && v.GetValueKind() == JsonValueKind.True)
            : null;

    private static JsonNode? Parse(string payload)
    {
        try
        {
            return JsonNode.Parse(payload, NodeOptions, DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Child(JsonNode? node, string name) => node is JsonObject obj ? obj[name] : null;

    private static JsonArray Items(JsonNode? node) => node as JsonArray ?? [];

    /// <summary>A string or number field as text (Meta sends ids and timestamps as strings, but not always).</summary>
    private static string? Str(JsonNode? node, string name)
    {
        if (node is not JsonObject obj || obj[name] is not JsonValue value)
        {
            return null;
        }
        var text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static DateTimeOffset? Time(string? unixSeconds) =>
        long.TryParse(unixSeconds, out var seconds) && seconds is > 0 and < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
