namespace Conversa.Core.Conversations;

/// <summary>
/// <see cref="Active"/>: the bot answers. <see cref="Handoff"/>: a human has it and the bot stays silent until
/// handed back. <see cref="Closed"/>: finished; a new message starts a new conversation (unless the channel names
/// the same thread again).
/// </summary>
public enum ConversationStatus
{
    Active,
    Handoff,
    Closed,
}
