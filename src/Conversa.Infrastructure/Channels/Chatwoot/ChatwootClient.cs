using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Channels.Chatwoot;

/// <summary>
/// The two Chatwoot API calls the assistant makes, authenticated with the <c>api_access_token</c> header: a reply
/// (<c>POST /api/v1/accounts/{account}/conversations/{id}/messages</c>) and a handoff to humans
/// (<c>POST …/toggle_status</c> <c>{"status":"open"}</c>). 429, 5xx, timeouts and network failures are
/// <see cref="ChatwootCallStatus.Retry"/> (with <c>Retry-After</c> when given); other 4xx are
/// <see cref="ChatwootCallStatus.Failed"/>: sending the same request again would be refused again.
/// </summary>
public sealed class ChatwootClient(HttpClient http, ILogger<ChatwootClient> logger)
{
    public const string TokenHeader = "api_access_token";
    private const int MaxErrorLength = 300;

    /// <summary>Posts the assistant's reply; the result's provider id is Chatwoot's message id.</summary>
    public Task<ChatwootCallResult> SendMessageAsync(ChatwootTarget target, string conversationId, string content, CancellationToken cancellationToken) =>
        PostAsync(target, conversationId, "messages", new JsonObject
        {
            ["content"] = content,
            ["message_type"] = "outgoing",
            ["private"] = false,
            ["content_type"] = "text",
        }, body => Id(body?["id"]), cancellationToken);

    /// <summary>Opens the conversation for the account's agents (a bot's handoff); the result's provider id is the status Chatwoot reports.</summary>
    public Task<ChatwootCallResult> OpenConversationAsync(ChatwootTarget target, string conversationId, CancellationToken cancellationToken) =>
        PostAsync(target, conversationId, "toggle_status", new JsonObject { ["status"] = "open" },
            // success is null in Chatwoot's bot-handoff branch: current_status is what tells.
            body => Id(body?["payload"]?["current_status"]), cancellationToken);

    private async Task<ChatwootCallResult> PostAsync(
        ChatwootTarget target, string conversationId, string action, JsonObject body, Func<JsonNode?, string?> providerId, CancellationToken cancellationToken)
    {
        var url = $"{target.BaseUrl.TrimEnd('/')}/api/v1/accounts/{target.AccountId}/conversations/{Uri.EscapeDataString(conversationId)}/{action}";
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(TokenHeader, target.ApiAccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new ChatwootCallResult(ChatwootCallStatus.Sent, providerId(TryParse(text)));
            }
            var error = $"Chatwoot answered {(int)response.StatusCode} to {action}: {Clip(text)}";
            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                return new ChatwootCallResult(ChatwootCallStatus.Retry, RetryAfter: RetryAfter(response), Error: error);
            }
            logger.LogWarning("Chatwoot {Target} refused {Action} on conversation {ConversationId}: {Status}", target, action, conversationId, (int)response.StatusCode);
            return new ChatwootCallResult(ChatwootCallStatus.Failed, Error: error);
        }
        catch (HttpRequestException e)
        {
            return new ChatwootCallResult(ChatwootCallStatus.Retry, Error: $"Chatwoot unreachable for {action}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ChatwootCallResult(ChatwootCallStatus.Retry, Error: $"Chatwoot timed out on {action}.");
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Id(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;

    private static string Clip(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
