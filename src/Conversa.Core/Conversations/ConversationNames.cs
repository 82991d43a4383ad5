namespace Conversa.Core.Conversations;

/// <summary>The API's names for conversation channels and statuses, read strictly (no numbers, no other spellings).</summary>
public static class ConversationNames
{
    public const string ChannelNames = "api, widget, whatsapp, chatwoot or openai";
    public const string StatusNames = "active, handoff or closed";

    public static bool TryParseChannel(string? text, out ConversationChannel channel) => TryParse(text, out channel);

    public static bool TryParseStatus(string? text, out ConversationStatus status) => TryParse(text, out status);

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        var name = text?.Trim().ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (Name(candidate) == name)
            {
                value = candidate;
                return true;
            }
        }
        return false;
    }
}
