using System.Globalization;
using System.Text;
using Conversa.Core.Channels.Chatwoot;

namespace Conversa.Benchmarks.Webhooks;

/// <summary>
/// Chatwoot's side of an account: <c>message_created</c> webhooks for an incoming customer message, each with a new
/// message id (a repeated one is acknowledged without being stored), signed with the webhook secret as Chatwoot signs
/// them (<c>X-Chatwoot-Timestamp</c>, <c>X-Chatwoot-Signature</c>). Safe to call from every load worker at once.
/// </summary>
public sealed class ChatwootTraffic(string path, long accountId, long inboxId, string secret)
{
    private long _sent;

    /// <summary>New messages made so far (warm-up included): each must be stored once.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public HttpRequestMessage NewMessage()
    {
        var id = Interlocked.Increment(ref _sent);
        var conversation = 1 + Random.Shared.Next(1_000);
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$$"""
            {"event":"message_created","id":{{{id}}},"content":"Hola","message_type":"incoming","private":false,"content_type":"text",
            "account":{"id":{{{accountId}}},"name":"Bench"},"inbox":{"id":{{{inboxId}}},"name":"WhatsApp"},
            "conversation":{"id":{{{conversation}}},"display_id":{{{conversation}}},"status":"pending","inbox_id":{{{inboxId}}}},
            "sender":{"id":{{{conversation}}},"name":"Bench Contact","type":"contact","phone_number":"+57300{{{conversation:D7}}}"}}
            """));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ChatwootSignature.TimestampHeader, timestamp);
        request.Headers.Add(ChatwootSignature.SignatureHeader, ChatwootSignature.Sign(secret, timestamp, body));
        return request;
    }
}
