using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using AIResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using OpenAiChatMessage = OpenAI.Chat.ChatMessage;
using OpenAiFinishReason = OpenAI.Chat.ChatFinishReason;
using OpenAiResponseFormat = OpenAI.Chat.ChatResponseFormat;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// Maps between Microsoft.Extensions.AI's chat types and the OpenAI SDK's: messages of every role (text and images
/// from the user, tool calls from the assistant, tool results), function tools, tool choice, sampling options,
/// response format, and back: text, tool calls, finish reason and usage.
/// </summary>
internal static class OpenAiChatConversion
{
    private static readonly JsonSerializerOptions Json = AIJsonUtilities.DefaultOptions;

    public static List<OpenAiChatMessage> ToOpenAi(IEnumerable<AIChatMessage> messages, ChatOptions? options)
    {
        var result = new List<OpenAiChatMessage>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            result.Add(new SystemChatMessage(options.Instructions));
        }
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                result.Add(new SystemChatMessage(message.Text));
            }
            else if (message.Role == ChatRole.User)
            {
                var parts = UserParts(message).ToList();
                if (parts.Count > 0)
                {
                    result.Add(new UserChatMessage(parts) { ParticipantName = message.AuthorName });
                }
            }
            else if (message.Role == ChatRole.Assistant)
            {
                if (Assistant(message) is { } assistant)
                {
                    result.Add(assistant);
                }
            }
            else if (message.Role == ChatRole.Tool)
            {
                foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
                {
                    result.Add(new ToolChatMessage(toolResult.CallId, ToolLoop.ResultText(toolResult.Result)));
                }
            }
        }
        return result;
    }

    public static ChatCompletionOptions ToOpenAi(ChatOptions? options)
    {
        var result = new ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }
        result.Temperature = options.Temperature;
        result.TopP = options.TopP;
        result.MaxOutputTokenCount = options.MaxOutputTokens;
        result.FrequencyPenalty = options.FrequencyPenalty;
        result.PresencePenalty = options.PresencePenalty;
#pragma warning disable OPENAI001 // Seed is marked experimental by the SDK; it is plain request data.
        result.Seed = options.Seed;
#pragma warning restore OPENAI001
        foreach (var stop in options.StopSequences ?? [])
        {
            result.StopSequences.Add(stop);
        }
        foreach (var tool in options.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            result.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));
        }
        if (result.Tools.Count > 0)
        {
            result.ToolChoice = options.ToolMode switch
            {
                NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
                _ => ChatToolChoice.CreateAutoChoice(),
            };
            result.AllowParallelToolCalls = options.AllowMultipleToolCalls;
        }
        result.ResponseFormat = options.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => OpenAiResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "answer", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription),
            ChatResponseFormatJson => OpenAiResponseFormat.CreateJsonObjectFormat(),
            ChatResponseFormatText => OpenAiResponseFormat.CreateTextFormat(),
            _ => null,
        };
        return result;
    }

    public static ChatResponse FromOpenAi(ChatCompletion completion)
    {
        var contents = new List<AIContent>();
        foreach (var part in completion.Content)
        {
            if (part.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                contents.Add(new TextContent(part.Text) { RawRepresentation = part });
            }
        }
        // A refusal is the model's answer to the customer too; dropping it would leave them with nothing.
        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            contents.Add(new TextContent(completion.Refusal));
        }
        foreach (var call in completion.ToolCalls)
        {
            contents.Add(FunctionCall(call.Id, call.FunctionName, call.FunctionArguments?.ToString()));
        }
        var message = new AIChatMessage(ChatRole.Assistant, contents)
        {
            MessageId = completion.Id,
            CreatedAt = completion.CreatedAt,
            RawRepresentation = completion,
        };
        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = FinishReason(completion.FinishReason),
            Usage = Usage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    public static AIFinishReason? FinishReason(OpenAiFinishReason? reason) => reason switch
    {
        OpenAiFinishReason.Stop => AIFinishReason.Stop,
        OpenAiFinishReason.Length => AIFinishReason.Length,
        OpenAiFinishReason.ContentFilter => AIFinishReason.ContentFilter,
        OpenAiFinishReason.ToolCalls or OpenAiFinishReason.FunctionCall => AIFinishReason.ToolCalls,
        _ => null,
    };

    public static UsageDetails? Usage(ChatTokenUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
        ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
    };

    public static FunctionCallContent FunctionCall(string id, string name, string? arguments) =>
        FunctionCallContent.CreateFromParsedArguments(
            string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments,
            id,
            name,
            json => JsonSerializer.Deserialize<Dictionary<string, object?>>(json, Json));

    private static IEnumerable<ChatMessageContentPart> UserParts(AIChatMessage message)
    {
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent { Text: { Length: > 0 } text }:
                    yield return ChatMessageContentPart.CreateTextPart(text);
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    yield return ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType);
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    yield return ChatMessageContentPart.CreateImagePart(uri.Uri);
                    break;
            }
        }
    }

    private static AssistantChatMessage? Assistant(AIChatMessage message)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(call => ChatToolCall.CreateFunctionToolCall(
                call.CallId,
                call.Name,
                BinaryData.FromString(JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), Json.GetTypeInfo(typeof(IDictionary<string, object?>))))))
            .ToList();
        var text = message.Text;
        if (calls.Count == 0)
        {
            return string.IsNullOrEmpty(text) ? null : new AssistantChatMessage(text) { ParticipantName = message.AuthorName };
        }
        var assistant = new AssistantChatMessage(calls) { ParticipantName = message.AuthorName };
        if (!string.IsNullOrEmpty(text))
        {
            assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
        }
        return assistant;
    }

    /// <summary>Tool calls arrive in a stream as fragments per index: an id and name first, then pieces of the arguments.</summary>
    internal sealed class StreamedToolCall
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public StringBuilder Arguments { get; } = new();
    }
}
