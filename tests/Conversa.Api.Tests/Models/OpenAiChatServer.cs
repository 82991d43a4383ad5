using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conversa.Api.Tests.Models;

/// <summary>
/// A small server on a loopback port speaking OpenAI's <c>POST /v1/chat/completions</c>, plain and streamed
/// (<c>chat.completion.chunk</c> events ending with <c>data: [DONE]</c>), with tool calls. It answers
/// deterministically: after a tool result, "Según la herramienta: {result}"; when tools are offered (and
/// <c>tool_choice</c> is not <c>none</c>), a call of the first tool with <c>{"query": last user text}</c>; otherwise
/// "Echo: {last user text}". It also speaks <c>POST /v1/audio/transcriptions</c> (multipart <c>file</c> + <c>model</c>),
/// answering <see cref="Transcript"/>. It records every request and can be told to fail or to be slow, to hold a
/// streamed answer after its first word (<see cref="HoldAfterFirstWord"/>) or to break it off (<see cref="BreakAfterWords"/>).
/// </summary>
public sealed class OpenAiChatServer : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private int _calls;

    private OpenAiChatServer() => _server = new LoopbackServer(MapRoutes);

    public ConcurrentQueue<FakeModelRequest> Requests { get; } = new();

    public int FailWithStatus { get; set; }

    public TimeSpan Delay { get; set; }

    /// <summary>
    /// When set, a streamed text answer sends its first word, then waits for this before the rest; a client that hangs
    /// up meanwhile completes <see cref="Abandoned"/>.
    /// </summary>
    public TaskCompletionSource? HoldAfterFirstWord { get; set; }

    /// <summary>Completed when the caller hung up while a streamed answer was held.</summary>
    public TaskCompletionSource Abandoned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When positive, a streamed text answer drops the connection after this many words.</summary>
    public int BreakAfterWords { get; set; }

    /// <summary>Keep asking for tools even after a tool result (until <c>tool_choice</c> is <c>none</c>).</summary>
    public bool AlwaysCallTools { get; set; }

    /// <summary>When set, the model's final answer (after its tool round) is this text instead of quoting the tool.</summary>
    public string? ReplyText { get; set; }

    public int InputTokens { get; set; } = 12;

    public int OutputTokens { get; set; } = 5;

    /// <summary>The tokens every transcription reports in its <c>usage</c>.</summary>
    public int TranscriptionInputTokens { get; set; } = 31;

    public int TranscriptionOutputTokens { get; set; } = 7;

    /// <summary>What every audio file "says".</summary>
    public string Transcript { get; set; } = "hola, buenas tardes";

    public string BaseUrl => _server.BaseAddress + "/v1";

    public static async Task<OpenAiChatServer> StartAsync()
    {
        var fake = new OpenAiChatServer();
        await fake._server.StartAsync();
        return fake;
    }

    private void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/chat/completions", HandleAsync);
        routes.MapPost("/v1/audio/transcriptions", TranscribeAsync);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        var stream = body["stream"]?.GetValue<bool>() == true;
        Requests.Enqueue(new FakeModelRequest(
            context.Request.Path, context.Request.Headers.Authorization.ToString(), null, null, body["model"]!.GetValue<string>(), stream, body));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }
        if (FailWithStatus != 0)
        {
            context.Response.StatusCode = FailWithStatus;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "stub failure", type = "server_error", code = (string?)null } });
            return;
        }
        var (text, toolCall) = Decide(body);
        var id = "chatcmpl-" + Interlocked.Increment(ref _calls);
        var model = body["model"]!.GetValue<string>();
        if (!stream)
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = text };
            if (toolCall is not null)
            {
                message["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = toolCall.Value.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = toolCall.Value.Name, ["arguments"] = toolCall.Value.Arguments },
                });
            }
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = message,
                    ["logprobs"] = null,
                    ["finish_reason"] = toolCall is null ? "stop" : "tool_calls",
                }),
                ["usage"] = Usage(),
            });
            return;
        }
        context.Response.ContentType = "text/event-stream";
        async Task Chunk(JsonObject delta, string? finish = null)
        {
            await Send(context, new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_700_000_000,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish }),
            });
        }
        if (toolCall is { } call)
        {
            await Chunk(new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["id"] = call.Id, ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
                }),
            });
            // Arguments arrive in pieces, as real servers send them.
            var half = call.Arguments.Length / 2;
            foreach (var piece in new[] { call.Arguments[..half], call.Arguments[half..] })
            {
                await Chunk(new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = piece } }),
                });
            }
            await Chunk(new JsonObject(), "tool_calls");
        }
        else
        {
            await Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" });
            var words = text!.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                if (i > 0 && i == BreakAfterWords)
                {
                    await FakeStreams.BreakAsync(context);
                    return;
                }
                await Chunk(new JsonObject { ["content"] = i == 0 ? words[i] : " " + words[i] });
                if (i == 0 && !await FakeStreams.HoldAsync(HoldAfterFirstWord, Abandoned, context.RequestAborted))
                {
                    return;
                }
            }
            await Chunk(new JsonObject(), "stop");
        }
        if (body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            await Send(context, new JsonObject
            {
                ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = model,
                ["choices"] = new JsonArray(), ["usage"] = Usage(),
            });
        }
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    /// <summary>Records the upload as <c>{file_name, content_type, bytes, response_format}</c>, then answers <see cref="Transcript"/>.</summary>
    private async Task TranscribeAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        var responseFormat = form["response_format"].ToString();
        Requests.Enqueue(new FakeModelRequest(
            context.Request.Path, context.Request.Headers.Authorization.ToString(), null, null, form["model"].ToString(), false,
            new JsonObject
            {
                ["file_name"] = file?.FileName,
                ["content_type"] = file?.ContentType,
                ["bytes"] = file?.Length,
                ["response_format"] = responseFormat,
            }));
        if (FailWithStatus != 0)
        {
            context.Response.StatusCode = FailWithStatus;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "stub failure", type = "server_error", code = (string?)null } });
            return;
        }
        if (responseFormat == "text")
        {
            await context.Response.WriteAsync(Transcript);
            return;
        }
        await context.Response.WriteAsJsonAsync(new
        {
            text = Transcript,
            usage = new { type = "tokens", input_tokens = TranscriptionInputTokens, output_tokens = TranscriptionOutputTokens, total_tokens = TranscriptionInputTokens + TranscriptionOutputTokens },
        });
    }

    private (string? Text, (string Id, string Name, string Arguments)? ToolCall) Decide(JsonNode body)
    {
        var messages = body["messages"]!.AsArray();
        var last = messages[^1]!;
        var tools = body["tools"] is JsonArray t ? t.Select(x => x!["function"]!["name"]!.GetValue<string>()).ToList() : [];
        var toolsAllowed = tools.Count > 0 && body["tool_choice"]?.ToJsonString() != "\"none\"";
        var lastUser = messages.LastOrDefault(m => m!["role"]!.GetValue<string>() == "user");
        var userText = lastUser is null ? "" : Text(lastUser["content"]);
        if (toolsAllowed && (AlwaysCallTools || last["role"]!.GetValue<string>() != "tool"))
        {
            var arguments = new JsonObject { ["query"] = userText }.ToJsonString();
            return (null, ("call_" + Interlocked.Increment(ref _calls), tools[0], arguments));
        }
        if (last["role"]!.GetValue<string>() == "tool")
        {
            return (ReplyText ?? "Según la herramienta: " + Text(last["content"]), null);
        }
        return ("Echo: " + userText, null);
    }

    private static string Text(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p!["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };

    private JsonObject Usage() => new()
    {
        ["prompt_tokens"] = InputTokens,
        ["completion_tokens"] = OutputTokens,
        ["total_tokens"] = InputTokens + OutputTokens,
    };

    private static async Task Send(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
        await context.Response.Body.FlushAsync();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
