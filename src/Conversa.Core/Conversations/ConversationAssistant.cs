namespace Conversa.Core.Conversations;

/// <summary>
/// Who the bot in a conversation works for: the tenant's <see cref="Customer"/>s, or one staff user's own
/// <see cref="Personal"/> assistant (agenda and tasks), whose conversations only that user sees.
/// </summary>
public enum ConversationAssistant
{
    Customer,
    Personal,
}
