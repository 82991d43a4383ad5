using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// Chat through the official OpenAI SDK against any OpenAI-compatible <c>/chat/completions</c> (OpenAI, Azure
/// OpenAI's v1 endpoint, Ollama, vLLM, LM Studio), adapted to <see cref="IChatClient"/>: neither OpenAI 2.15.0 nor
/// a restorable Microsoft.Extensions.AI.OpenAI provides that bridge here. The model is fixed per instance, so
/// <see cref="ChatOptions.ModelId"/> is ignored.
/// </summary>
public sealed class OpenAiChatModel : IChatModel
{
    private readonly ChatClient _client;
    private readonly ChatClientMetadata _metadata;

    public OpenAiChatModel(string model, string apiKey, Uri? endpoint, int maxRetries, TimeSpan networkTimeout)
    {
        var options = new OpenAIClientOptions
        {
            NetworkTimeout = networkTimeout,
            RetryPolicy = new ClientRetryPolicy(Math.Max(0, maxRetries)),
        };
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }
        _client = new ChatClient(model, new ApiKeyCredential(apiKey), options);
        Model = model;
        _metadata = new ChatClientMetadata("openai", endpoint ?? new Uri("https://api.openai.com/v1"), model);
    }

    public string Provider => "openai";

    public string Model { get; }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatCompletion completion = await _client.CompleteChatAsync(
            OpenAiChatConversion.ToOpenAi(messages, options), OpenAiChatConversion.ToOpenAi(options), cancellationToken);
        return OpenAiChatConversion.FromOpenAi(completion);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var toolCalls = new SortedDictionary<int, OpenAiChatConversion.StreamedToolCall>();
        string? responseId = null;
        string? modelId = null;
        Microsoft.Extensions.AI.ChatFinishReason? finishReason = null;
        DateTimeOffset? createdAt = null;
        var updates = _client.CompleteChatStreamingAsync(
            OpenAiChatConversion.ToOpenAi(messages, options), OpenAiChatConversion.ToOpenAi(options), cancellationToken);
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            responseId ??= update.CompletionId;
            modelId ??= update.Model;
            createdAt ??= update.CreatedAt == default ? null : update.CreatedAt;
            var contents = new List<AIContent>();
            foreach (var part in update.ContentUpdate)
            {
                if (!string.IsNullOrEmpty(part.Text))
                {
                    contents.Add(new TextContent(part.Text));
                }
            }
            if (!string.IsNullOrEmpty(update.RefusalUpdate))
            {
                contents.Add(new TextContent(update.RefusalUpdate));
            }
            foreach (var call in update.ToolCallUpdates)
            {
                if (!toolCalls.TryGetValue(call.Index, out var streamed))
                {
                    toolCalls[call.Index] = streamed = new OpenAiChatConversion.StreamedToolCall();
                }
                streamed.Id ??= call.ToolCallId;
                streamed.Name ??= call.FunctionName;
                if (call.FunctionArgumentsUpdate is { } arguments && !arguments.IsEmpty)
                {
                    streamed.Arguments.Append(arguments.ToString());
                }
            }
            if (OpenAiChatConversion.Usage(update.Usage) is { } usage)
            {
                contents.Add(new UsageContent(usage));
            }
            var finish = OpenAiChatConversion.FinishReason(update.FinishReason);
            finishReason = finish ?? finishReason;
            if (contents.Count > 0 || finish is not null)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
                {
                    ResponseId = responseId,
                    MessageId = responseId,
                    ModelId = modelId,
                    CreatedAt = createdAt,
                    FinishReason = finish,
                    RawRepresentation = update,
                };
            }
        }
        // Tool calls are complete only at the end of the stream; they are handed on whole, as one update.
        if (toolCalls.Count > 0)
        {
            var calls = toolCalls.Values
                .Where(c => c.Name is not null)
                .Select(c => (AIContent)OpenAiChatConversion.FunctionCall(c.Id ?? Guid.NewGuid().ToString("N"), c.Name!, c.Arguments.ToString()))
                .ToList();
            yield return new ChatResponseUpdate(ChatRole.Assistant, calls)
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = modelId,
                CreatedAt = createdAt,
                FinishReason = finishReason,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType == typeof(ChatClient) ? _client
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
