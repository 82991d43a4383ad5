using System.Globalization;
using System.Text;
using System.Text.Json;
using Conversa.Core.Channels;

namespace Conversa.Benchmarks.Webhooks;

/// <summary>
/// Meta's side of a WhatsApp number: webhook bodies shaped like <c>whatsapp_inbound_text.json</c>, one text message
/// each with a fresh <c>wamid</c> (a repeated id is acknowledged without being stored, which would flatter the figure),
/// signed with the app secret as Meta signs them. Safe to call from every load worker at once.
/// </summary>
public sealed class WhatsAppTraffic(string path, string phoneNumberId, string appSecret, string prefix)
{
    private long _sent;

    /// <summary>New messages made so far (warm-up included): each must be stored once.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>A webhook with a message never sent before, from a contact of a pool of <paramref name="contacts"/>.</summary>
    public HttpRequestMessage NewMessage(int contacts = 1_000)
    {
        var contact = (573_000_000_000L + Random.Shared.Next(contacts)).ToString(CultureInfo.InvariantCulture);
        return Webhook(contact, NextMessageId(), "Hola");
    }

    /// <summary>A <c>wamid</c> never used before.</summary>
    public string NextMessageId() => $"wamid.{prefix}.{Interlocked.Increment(ref _sent)}";

    /// <summary>The same message every time: Meta redelivering a webhook it already got a 200 for.</summary>
    public HttpRequestMessage Redelivery() => Webhook("573000000000", $"wamid.{prefix}.redelivered", "Hola");

    public HttpRequestMessage Webhook(string from, string messageId, string text)
    {
        var body = Encoding.UTF8.GetBytes(Body(phoneNumberId, from, messageId, text));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WhatsAppSignature.HeaderName, WhatsAppSignature.Sign(appSecret, body));
        return request;
    }

    public static string Body(string phoneNumberId, string from, string messageId, string text) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp",
        "metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{phoneNumberId}}}"},
        "contacts":[{"profile":{"name":"Bench Contact"},"wa_id":"{{{from}}}"}],
        "messages":[{"from":"{{{from}}}","id":"{{{messageId}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}","type":"text",
        "text":{"body":{{{JsonSerializer.Serialize(text)}}}}}]},"field":"messages"}]}]}
        """);
}
