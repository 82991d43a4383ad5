using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// Runs a turn with tool calling: the model asks for tools, we invoke the tenant-scoped <see cref="AIFunction"/>s
/// the caller passed, send the results back, and repeat until the model answers in text — at most
/// <c>maxRounds</c> rounds of tools, then one last call that may not use tools. Tools run one after another, never
/// in parallel, because they share the scope's <c>AppDbContext</c>. A tool that throws is reported to the model as
/// failed (without details) and to the caller in <see cref="ModelReply.Tools"/>.
/// </summary>
public static class ToolLoop
{
    public const int DefaultMaxRounds = 5;

    public static async Task<ModelReply> RunAsync(
        IChatClient client,
        IEnumerable<ChatMessage> messages,
        IReadOnlyList<AIFunction> tools,
        ChatOptions? options = null,
        int maxRounds = DefaultMaxRounds,
        CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        var invocations = new List<ToolInvocation>();
        var usage = new UsageDetails();
        var requestOptions = WithTools(options, tools);
        for (var round = 0; ; round++)
        {
            var lastRound = round >= maxRounds;
            if (lastRound)
            {
                requestOptions = WithoutTools(requestOptions);
            }
            var response = await client.GetResponseAsync(history, requestOptions, cancellationToken);
            if (response.FallbackReason() is { } reason)
            {
                return ModelReply.Fallback(reason, invocations, usage);
            }
            if (response.Usage is { } responseUsage)
            {
                usage.Add(responseUsage);
            }
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0 || lastRound)
            {
                var text = response.Text.Trim();
                return text.Length == 0
                    ? ModelReply.Fallback("the model returned no text", invocations, usage)
                    : new ModelReply(text, null, invocations, usage, response.ModelId);
            }
            history.AddMessages(response);
            history.Add(await InvokeAsync(calls, tools, invocations, cancellationToken));
        }
    }

    /// <summary>
    /// The same turn as a stream: text updates as they arrive (a caller sends <see cref="ChatResponseUpdate.Text"/>),
    /// the tool calls and a <see cref="ChatRole.Tool"/> update with their results between rounds, and — if the model
    /// fails or ends without any text — a last update carrying <see cref="ModelFallback.FallbackReason(ChatResponseUpdate)"/>.
    /// </summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        IChatClient client,
        IEnumerable<ChatMessage> messages,
        IReadOnlyList<AIFunction> tools,
        ChatOptions? options = null,
        int maxRounds = DefaultMaxRounds,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        var invocations = new List<ToolInvocation>();
        var requestOptions = WithTools(options, tools);
        for (var round = 0; ; round++)
        {
            var lastRound = round >= maxRounds;
            if (lastRound)
            {
                requestOptions = WithoutTools(requestOptions);
            }
            var updates = new List<ChatResponseUpdate>();
            var sawText = false;
            await foreach (var update in client.GetStreamingResponseAsync(history, requestOptions, cancellationToken))
            {
                yield return update;
                if (update.FallbackReason() is not null)
                {
                    yield break;
                }
                updates.Add(update);
                sawText |= update.Text.Trim().Length > 0;
            }
            var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0 || lastRound)
            {
                if (!sawText)
                {
                    yield return ModelFallback.Update("the model returned no text");
                }
                yield break;
            }
            history.AddMessages(updates);
            var results = await InvokeAsync(calls, tools, invocations, cancellationToken);
            history.Add(results);
            yield return new ChatResponseUpdate(ChatRole.Tool, results.Contents);
        }
    }

    private static ChatOptions WithTools(ChatOptions? options, IReadOnlyList<AIFunction> tools)
    {
        var result = options?.Clone() ?? new ChatOptions();
        result.Tools = [.. result.Tools ?? [], .. tools];
        return result;
    }

    private static ChatOptions WithoutTools(ChatOptions options)
    {
        var result = options.Clone();
        // Tools stay declared (the history refers to them) but may not be called.
        result.ToolMode = result.Tools is { Count: > 0 } ? ChatToolMode.None : result.ToolMode;
        return result;
    }

    private static async Task<ChatMessage> InvokeAsync(
        List<FunctionCallContent> calls, IReadOnlyList<AIFunction> tools, List<ToolInvocation> invocations, CancellationToken cancellationToken)
    {
        var results = new List<AIContent>(calls.Count);
        foreach (var call in calls)
        {
            var arguments = call.Arguments is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(call.Arguments);
            var tool = tools.FirstOrDefault(t => string.Equals(t.Name, call.Name, StringComparison.Ordinal));
            object? result;
            Exception? error = null;
            if (call.Exception is not null)
            {
                error = call.Exception;
                result = "Error: the arguments were not valid JSON.";
            }
            else if (tool is null)
            {
                error = new InvalidOperationException($"The model asked for a tool that was not offered: {call.Name}.");
                result = $"Error: there is no tool named {call.Name}.";
            }
            else
            {
                try
                {
                    result = await tool.InvokeAsync(new AIFunctionArguments(arguments), cancellationToken);
                }
                catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    // The model hears only that it failed: internals stay here, and it must not invent a result.
                    error = e;
                    result = "Error: the tool failed. Do not guess its result.";
                }
            }
            invocations.Add(new ToolInvocation(call.CallId, call.Name, arguments, error is null ? result : null, error));
            // Every provider gets the same plain text (SDKs would otherwise quote a string result as JSON).
            results.Add(new FunctionResultContent(call.CallId, ResultText(result)));
        }
        return new ChatMessage(ChatRole.Tool, results);
    }

    /// <summary>What a tool returned, as the text the model reads: strings as they are, anything else as JSON.</summary>
    public static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType())),
    };
}
