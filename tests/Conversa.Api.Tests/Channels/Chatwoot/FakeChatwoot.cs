using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conversa.Api.Tests.Channels.Chatwoot;

/// <summary>
/// A small server on a loopback port speaking the two Chatwoot API calls the assistant makes:
/// <c>POST /api/v1/accounts/{account}/conversations/{id}/messages</c> (answered like <c>chatwoot_bot_reply_response.json</c>,
/// with increasing message ids) and <c>…/toggle_status</c> (answered like <c>chatwoot_handoff_toggle_status_response.json</c>).
/// It records every request and can answer the first ones with an error status (<see cref="FailFirst"/>).
/// </summary>
public sealed class FakeChatwoot : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private long _nextMessageId = 90212;
    private int _failuresLeft;

    private FakeChatwoot() => _server = new LoopbackServer(MapRoutes);

    public ConcurrentQueue<ChatwootRequest> Requests { get; } = new();

    public string BaseUrl => _server.BaseAddress;

    /// <summary>The next <paramref name="count"/> requests are answered with <paramref name="status"/> (and <c>Retry-After: 1</c> for 429).</summary>
    public void FailFirst(int count, int status)
    {
        _failuresLeft = count;
        FailureStatus = status;
    }

    public int FailureStatus { get; private set; } = 500;

    public IReadOnlyList<ChatwootRequest> Messages => Requests.Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<ChatwootRequest> StatusChanges => Requests.Where(r => r.Path.EndsWith("/toggle_status", StringComparison.Ordinal)).ToList();

    public static async Task<FakeChatwoot> StartAsync()
    {
        var fake = new FakeChatwoot();
        await fake._server.StartAsync();
        return fake;
    }

    private void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/accounts/{account}/conversations/{conversation}/messages", MessageAsync);
        routes.MapPost("/api/v1/accounts/{account}/conversations/{conversation}/toggle_status", ToggleStatusAsync);
    }

    /// <summary>Waits until at least <paramref name="count"/> requests matching <paramref name="filter"/> arrived (the outbox sends in the background).</summary>
    public async Task<IReadOnlyList<ChatwootRequest>> WaitForAsync(Func<ChatwootRequest, bool> filter, int count = 1, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = Requests.Where(filter).ToList();
            if (found.Count >= count || DateTime.UtcNow > until)
            {
                return found;
            }
            await Task.Delay(50);
        }
    }

    private async Task MessageAsync(HttpContext context, string account, string conversation)
    {
        var body = await RecordAsync(context);
        if (await FailedAsync(context))
        {
            return;
        }
        var id = Interlocked.Increment(ref _nextMessageId) - 1;
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = id,
            ["content"] = body?["content"]?.DeepClone(),
            ["inbox_id"] = 12,
            ["conversation_id"] = long.TryParse(conversation, out var c) ? c : 0,
            ["message_type"] = 1,
            ["content_type"] = "text",
            ["status"] = "sent",
            ["content_attributes"] = new JsonObject(),
            ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["private"] = false,
            ["source_id"] = null,
            ["sender"] = new JsonObject { ["id"] = 3, ["name"] = "Acme Bot", ["avatar_url"] = "", ["type"] = "agent_bot" },
        });
    }

    private async Task ToggleStatusAsync(HttpContext context, string account, string conversation)
    {
        var body = await RecordAsync(context);
        if (await FailedAsync(context))
        {
            return;
        }
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["meta"] = new JsonObject(),
            ["payload"] = new JsonObject
            {
                ["success"] = null,
                ["conversation_id"] = long.TryParse(conversation, out var c) ? c : 0,
                ["current_status"] = body?["status"]?.DeepClone(),
                ["snoozed_until"] = null,
            },
        });
    }

    private async Task<JsonNode?> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        JsonNode? body = null;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // Recorded as text; the test will see a null body.
        }
        Requests.Enqueue(new ChatwootRequest(context.Request.Path, context.Request.Headers["api_access_token"].ToString(),
            context.Request.ContentType, body));
        return body;
    }

    private async Task<bool> FailedAsync(HttpContext context)
    {
        if (Interlocked.Decrement(ref _failuresLeft) < 0)
        {
            Interlocked.Exchange(ref _failuresLeft, 0);
            return false;
        }
        context.Response.StatusCode = FailureStatus;
        if (FailureStatus == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
        }
        await context.Response.WriteAsJsonAsync(new { error = "fake failure" });
        return true;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <summary>One request the fake Chatwoot received: path, the <c>api_access_token</c> header, content type and JSON body.</summary>
public sealed record ChatwootRequest(string Path, string Token, string? ContentType, JsonNode? Body);
