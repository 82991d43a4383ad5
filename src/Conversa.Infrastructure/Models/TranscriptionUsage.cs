using System.Text.Json;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// The tokens a transcription reports in its JSON body (<c>usage: {type: "tokens", input_tokens, output_tokens}</c>,
/// as token-billed speech models answer). The SDK's <c>AudioTranscription</c> does not expose it, so it is read from the
/// raw response; a body without it (a duration-billed model, a plain-text answer) counts as zero tokens.
/// </summary>
public static class TranscriptionUsage
{
    public static (long InputTokens, long OutputTokens) Read(BinaryData body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                return (Count(usage, "input_tokens"), Count(usage, "output_tokens"));
            }
        }
        catch (JsonException)
        {
            // A plain-text transcript: nothing reported.
        }
        return (0, 0);
    }

    private static long Count(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) ? count : 0;
}
