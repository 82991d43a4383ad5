using System.Text.Json.Serialization;

namespace Conversa.Core.Channels.Chatwoot;

/// <summary>
/// A customer's message in a Chatwoot conversation that the assistant may answer: its ids (as text, whatever JSON
/// type they came as), the conversation's display id and status (<c>open</c>: a human has it), the text, how many
/// attachments came with it, and the sender.
/// </summary>
public sealed record ChatwootIncoming(
    string MessageId,
    string ConversationId,
    string? ConversationStatus,
    string Text,
    int Attachments,
    ChatwootContact Sender)
{
    /// <summary>A human agent has the conversation in Chatwoot: the message is kept, the bot stays silent.</summary>
    [JsonIgnore]
    public bool HumanHasIt => string.Equals(ConversationStatus, "open", StringComparison.OrdinalIgnoreCase);
}
