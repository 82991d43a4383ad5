namespace Conversa.Core.Channels.Chatwoot;

/// <summary>
/// What a Chatwoot webhook said, as far as we care: the account and inbox it came from (to find the tenant) and either
/// a customer message to answer (<see cref="Message"/>) or why there is nothing to do (<see cref="Ignored"/>).
/// </summary>
public sealed record ChatwootEvent(string? Name, long? AccountId, long? InboxId, ChatwootIncoming? Message, string? Ignored)
{
    public static ChatwootEvent Skip(string? name, long? accountId, long? inboxId, string why) => new(name, accountId, inboxId, null, why);
}
