using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conversa.Api.Tests.Models;

/// <summary>
/// A small server on a loopback port speaking Anthropic's <c>POST /v1/messages</c>, plain and streamed (the
/// <c>message_start</c> … <c>message_stop</c> event stream), with <c>tool_use</c> and <c>tool_result</c>. Same
/// deterministic answers as <see cref="OpenAiChatServer"/>; records every request and can be told to fail or be slow,
/// to hold a streamed answer after its first word or to break it off, like <see cref="OpenAiChatServer"/>.
/// </summary>
public sealed class AnthropicServer : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private int _calls;

    private AnthropicServer() => _server = new LoopbackServer(MapRoutes);

    public ConcurrentQueue<FakeModelRequest> Requests { get; } = new();

    public int FailWithStatus { get; set; }

    public TimeSpan Delay { get; set; }

    /// <inheritdoc cref="OpenAiChatServer.HoldAfterFirstWord"/>
    public TaskCompletionSource? HoldAfterFirstWord { get; set; }

    /// <inheritdoc cref="OpenAiChatServer.Abandoned"/>
    public TaskCompletionSource Abandoned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc cref="OpenAiChatServer.BreakAfterWords"/>
    public int BreakAfterWords { get; set; }

    public int InputTokens { get; set; } = 20;

    public int OutputTokens { get; set; } = 7;

    /// <summary>The server's root, as an Anthropic base URL is written (the SDK adds <c>/v1/messages</c>).</summary>
    public string BaseUrl => _server.BaseAddress;

    public static async Task<AnthropicServer> StartAsync()
    {
        var fake = new AnthropicServer();
        await fake._server.StartAsync();
        return fake;
    }

    private void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/messages", HandleAsync);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        var stream = body["stream"]?.GetValue<bool>() == true;
        var headers = context.Request.Headers;
        var request = new FakeModelRequest(
            context.Request.Path, headers.Authorization.ToString(), headers["x-api-key"].ToString(), headers["anthropic-version"].ToString(),
            body["model"]!.GetValue<string>(), stream, body);
        Requests.Enqueue(request);
        if (request.Key is null)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { type = "error", error = new { type = "authentication_error", message = "missing key" } });
            return;
        }
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }
        if (FailWithStatus != 0)
        {
            context.Response.StatusCode = FailWithStatus;
            await context.Response.WriteAsJsonAsync(new { type = "error", error = new { type = "api_error", message = "stub failure" } });
            return;
        }
        var (text, toolUse) = Decide(body);
        var id = "msg_" + Interlocked.Increment(ref _calls);
        var model = body["model"]!.GetValue<string>();
        var stopReason = toolUse is null ? "end_turn" : "tool_use";
        if (!stream)
        {
            var content = toolUse is { } use
                ? new JsonArray(new JsonObject { ["type"] = "tool_use", ["id"] = use.Id, ["name"] = use.Name, ["input"] = JsonNode.Parse(use.Input) })
                : new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text });
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = id,
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = model,
                ["content"] = content,
                ["stop_reason"] = stopReason,
                ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = InputTokens, ["output_tokens"] = OutputTokens },
            });
            return;
        }
        context.Response.ContentType = "text/event-stream";
        await Send(context, "message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model, ["content"] = new JsonArray(),
                ["stop_reason"] = null, ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = InputTokens, ["output_tokens"] = 1 },
            },
        });
        if (toolUse is { } call)
        {
            await Send(context, "content_block_start", new JsonObject
            {
                ["type"] = "content_block_start", ["index"] = 0,
                ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = call.Name, ["input"] = new JsonObject() },
            });
            var half = call.Input.Length / 2;
            foreach (var piece in new[] { call.Input[..half], call.Input[half..] })
            {
                await Send(context, "content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta", ["index"] = 0,
                    ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece },
                });
            }
        }
        else
        {
            await Send(context, "content_block_start", new JsonObject
            {
                ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
            });
            await Send(context, "ping", new JsonObject { ["type"] = "ping" });
            var words = text!.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                if (i > 0 && i == BreakAfterWords)
                {
                    await FakeStreams.BreakAsync(context);
                    return;
                }
                await Send(context, "content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta", ["index"] = 0,
                    ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = i == 0 ? words[i] : " " + words[i] },
                });
                if (i == 0 && !await FakeStreams.HoldAsync(HoldAfterFirstWord, Abandoned, context.RequestAborted))
                {
                    return;
                }
            }
        }
        await Send(context, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        await Send(context, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = OutputTokens },
        });
        await Send(context, "message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    private (string? Text, (string Id, string Name, string Input)? ToolUse) Decide(JsonNode body)
    {
        var messages = body["messages"]!.AsArray();
        var last = messages[^1]!;
        var tools = body["tools"] is JsonArray t ? t.Select(x => x!["name"]!.GetValue<string>()).ToList() : [];
        var toolsAllowed = tools.Count > 0 && body["tool_choice"]?["type"]?.GetValue<string>() != "none";
        var toolResult = last["content"] is JsonArray blocks ? blocks.FirstOrDefault(b => b!["type"]!.GetValue<string>() == "tool_result") : null;
        if (toolResult is not null)
        {
            return ("Según la herramienta: " + Text(toolResult["content"]), null);
        }
        var userText = Text(last["content"]);
        if (toolsAllowed)
        {
            return (null, ("toolu_" + Interlocked.Increment(ref _calls), tools[0], new JsonObject { ["query"] = userText }.ToJsonString()));
        }
        return ("Echo: " + userText, null);
    }

    private static string Text(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray blocks => string.Concat(blocks.Select(b => b!["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };

    private static async Task Send(HttpContext context, string name, JsonObject data)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n");
        await context.Response.Body.FlushAsync();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
