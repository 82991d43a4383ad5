using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Features.Chat;
using Conversa.Api.Features.Conversations;
using Conversa.Api.Hosting;
using Conversa.Core.Contacts;

namespace Conversa.Api.Features.OpenAi;

/// <summary>
/// The part of OpenAI's chat-completions body Conversa uses: <c>model</c>, the text of the last <c>user</c> message
/// (a string, or the <c>text</c> parts of a content array), <c>stream</c>, <c>stream_options.include_usage</c> and
/// <c>user</c>. Earlier messages are checked but not replayed: the server keeps the conversation itself.
/// Sampling options and tools are accepted and ignored — the tenant's assistant answers as on every channel.
/// </summary>
public sealed record ChatCompletionRequest(string Model, string Message, string? User, bool Stream, bool IncludeUsage)
{
    public const string RefPrefix = "openai:";

    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "system", "developer", "user", "assistant", "tool", "function" };

    public static ChatCompletionRequest? Read(JsonObject body, ValidationErrors errors)
    {
        var fields = new BodyFields(body, errors);
        var model = fields.String("model", 100, required: true);
        var user = fields.String("user", Contact.MaxExternalRefLength - RefPrefix.Length);
        var stream = Flag(body["stream"], "stream", errors);
        var includeUsage = body["stream_options"] switch
        {
            null => false,
            JsonObject options => Flag(options["include_usage"], "stream_options.include_usage", errors),
            _ => Invalid(errors, "stream_options", "stream_options must be an object."),
        };
        var message = LastUserText(body["messages"], errors);
        return errors.Any || model is null || message is null ? null : new ChatCompletionRequest(model, message, user, stream, includeUsage);
    }

    private static string? LastUserText(JsonNode? node, ValidationErrors errors)
    {
        if (node is not JsonArray { Count: > 0 } messages)
        {
            errors.Add("messages", "messages must be a non-empty array of {role, content}.");
            return null;
        }
        JsonObject? last = null;
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message || Role(message) is not { } role || !Roles.Contains(role))
            {
                errors.Add($"messages[{i}]", "each message must be an object whose role is system, developer, user, assistant or tool.");
                return null;
            }
            if (role == "user")
            {
                last = message;
            }
        }
        if (last is null)
        {
            errors.Add("messages", "messages has no user message to answer.");
            return null;
        }
        var text = Text(last["content"])?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add("messages", "The last user message has no text (images go to POST /api/multimedia/image).");
            return null;
        }
        errors.When(text.Length > ChatRequest.MaxMessageLength, "messages", $"The last user message is at most {ChatRequest.MaxMessageLength} characters.");
        return text;
    }

    private static string? Role(JsonObject message) =>
        message["role"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A string, or the <c>text</c> parts of an array of content parts joined by line breaks (images and audio are skipped).</summary>
    private static string? Text(JsonNode? content) => content switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonArray parts => string.Join("\n", parts.OfType<JsonObject>()
            .Where(p => p["type"]?.GetValueKind() == JsonValueKind.String && p["type"]!.GetValue<string>() == "text")
            .Select(p => p["text"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null)
            .OfType<string>()),
        _ => null,
    };

    private static bool Flag(JsonNode? node, string name, ValidationErrors errors) => node switch
    {
        null => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => Invalid(errors, name, $"{name} must be true or false."),
    };

    private static bool Invalid(ValidationErrors errors, string name, string message)
    {
        errors.Add(name, message);
        return false;
    }
}
