using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Infrastructure.Configuration;

namespace Conversa.Infrastructure.Channels;

/// <summary>
/// The WhatsApp Cloud API calls Conversa makes (typed <see cref="HttpClient"/>, base URL <c>Conversa:WhatsApp:GraphUrl</c>,
/// version <c>Conversa:WhatsApp:ApiVersion</c>): send a text or a template from a tenant's number, and download media a
/// customer sent. Every call carries the tenant's access token as a bearer token. Sends never throw for the provider's
/// answers: they come back as a <see cref="GraphResult"/>.
/// </summary>
public sealed class WhatsAppGraphClient(HttpClient http, ConversaOptions options)
{
    private WhatsAppOptions WhatsApp => options.WhatsApp;

    /// <summary><c>POST /{version}/{phone_number_id}/messages</c> with a text body (at most 4096 characters: split before).</summary>
    public Task<GraphResult> SendTextAsync(string phoneNumberId, string accessToken, string to, string text, CancellationToken cancellationToken) =>
        SendAsync(phoneNumberId, accessToken, new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = to,
            ["type"] = "text",
            ["text"] = new JsonObject
            {
                ["preview_url"] = text.Contains("https://", StringComparison.Ordinal) || text.Contains("http://", StringComparison.Ordinal),
                ["body"] = text,
            },
        }, cancellationToken);

    /// <summary>
    /// A template message (the only kind WhatsApp delivers outside the 24-hour window). The text, when given, fills the
    /// template body's one parameter (<c>{{1}}</c>): a reminder template reads "Hola, te recordamos: {{1}}".
    /// </summary>
    public Task<GraphResult> SendTemplateAsync(
        string phoneNumberId, string accessToken, string to, WhatsAppTemplate template, string? text, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = template.Name,
            ["language"] = new JsonObject { ["code"] = template.Language },
        };
        if (!string.IsNullOrWhiteSpace(text))
        {
            body["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
            });
        }
        return SendAsync(phoneNumberId, accessToken, new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = to,
            ["type"] = "template",
            ["template"] = body,
        }, cancellationToken);
    }

    public async Task<GraphResult> SendAsync(string phoneNumberId, string accessToken, JsonObject message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url($"{Uri.EscapeDataString(phoneNumberId)}/messages"))
        {
            Content = JsonContent.Create(message),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var json = await ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return GraphResult.Sent(Text(((json?["messages"] as JsonArray)?.FirstOrDefault())?["id"]));
            }
            var error = json?["error"];
            var reason = $"{(int)response.StatusCode} {Text(error?["message"]) ?? response.ReasonPhrase ?? "error"}";
            var code = error?["code"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : (int?)null;
            return response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500
                ? GraphResult.Retry(reason, RetryAfter(response))
                : GraphResult.Refused(reason, code);
        }
        catch (HttpRequestException e)
        {
            return GraphResult.Retry("network: " + e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return GraphResult.Retry($"no answer within {http.Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// Downloads a customer's media: <c>GET /{version}/{media-id}</c> gives a short-lived URL, then <c>GET url</c> with the
    /// same bearer token gives the bytes (a webhook may already carry the URL; a stale one is fetched fresh).
    /// </summary>
    public async Task<MediaDownload> DownloadMediaAsync(
        string mediaId, string? knownUrl, string phoneNumberId, string accessToken, CancellationToken cancellationToken)
    {
        try
        {
            if (knownUrl is not null && await TryKnownUrlAsync(knownUrl, accessToken, cancellationToken) is { Bytes: not null } early)
            {
                return early;
            }
            using var request = new HttpRequestMessage(HttpMethod.Get,
                Url($"{Uri.EscapeDataString(mediaId)}?phone_number_id={Uri.EscapeDataString(phoneNumberId)}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await http.SendAsync(request, cancellationToken);
            var json = await ReadJsonAsync(response, cancellationToken);
            if (!response.IsSuccessStatusCode || Text(json?["url"]) is not { } url)
            {
                return MediaDownload.Failed($"the media lookup answered {(int)response.StatusCode} {Text(json?["error"]?["message"])}".TrimEnd());
            }
            var download = await GetBytesAsync(url, accessToken, cancellationToken);
            return download with { MediaType = download.MediaType ?? Text(json?["mime_type"]) };
        }
        catch (HttpRequestException e)
        {
            return MediaDownload.Failed("network: " + e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return MediaDownload.Failed("the media download timed out");
        }
    }

    /// <summary>The URL the webhook carried, when it still works; any failure falls back to asking the Graph API for a fresh one.</summary>
    private async Task<MediaDownload?> TryKnownUrlAsync(string url, string accessToken, CancellationToken cancellationToken)
    {
        try
        {
            return await GetBytesAsync(url, accessToken, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<MediaDownload> GetBytesAsync(string url, string accessToken, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return MediaDownload.Failed("the media URL is not an http(s) URL");
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return MediaDownload.Failed($"the media download answered {(int)response.StatusCode}");
        }
        var limit = WhatsApp.MaxMediaBytes;
        if (response.Content.Headers.ContentLength > limit)
        {
            return MediaDownload.Failed($"the media is larger than {limit} bytes");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return MediaDownload.Failed($"the media is larger than {limit} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        return new MediaDownload(buffer.ToArray(), response.Content.Headers.ContentType?.MediaType, null);
    }

    private Uri Url(string path) =>
        new($"{WhatsApp.GraphUrl.TrimEnd('/')}/{WhatsApp.ApiVersion.Trim('/')}/{path}");

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;
}

/// <summary>A downloaded voice note or image, or why it could not be fetched.</summary>
public sealed record MediaDownload(byte[]? Bytes, string? MediaType, string? Failure)
{
    public static MediaDownload Failed(string reason) => new(null, null, reason);
}
