using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// The signal that a model call failed and the built-in engine must answer: a response (or a last stream update)
/// with no text and the reason under <see cref="ReasonKey"/>. A customer never gets silence.
/// </summary>
public static class ModelFallback
{
    public const string ReasonKey = "conversa.fallback_reason";

    public static ChatResponse Response(string reason) =>
        new(new ChatMessage(ChatRole.Assistant, []))
        {
            AdditionalProperties = new() { [ReasonKey] = reason },
        };

    public static ChatResponseUpdate Update(string reason) =>
        new(ChatRole.Assistant, [])
        {
            AdditionalProperties = new() { [ReasonKey] = reason },
        };

    /// <summary>Why the model's answer must be replaced by the built-in one, or null when it stands.</summary>
    public static string? FallbackReason(this ChatResponse response) => Reason(response.AdditionalProperties);

    /// <inheritdoc cref="FallbackReason(ChatResponse)"/>
    public static string? FallbackReason(this ChatResponseUpdate update) => Reason(update.AdditionalProperties);

    private static string? Reason(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(ReasonKey, out var value) ? value as string : null;
}
