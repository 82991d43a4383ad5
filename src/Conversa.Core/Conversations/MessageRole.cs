namespace Conversa.Core.Conversations;

/// <summary>
/// Who wrote a message: the <see cref="User"/> (customer or staff member talking to the bot), the bot
/// (<see cref="Assistant"/>), a human <see cref="Agent"/> of the tenant, or the platform (<see cref="System"/>).
/// </summary>
public enum MessageRole
{
    User,
    Assistant,
    Agent,
    System,
}
