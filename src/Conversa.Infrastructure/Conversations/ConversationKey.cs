using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Conversations;

/// <summary>
/// Which conversation a message belongs to: a contact on a channel, talking to the customer assistant or to one
/// staff user's personal assistant (<see cref="UserId"/> required then, absent otherwise), optionally in the
/// channel's own thread (<see cref="ExternalId"/>: a Chatwoot conversation id, an API client's thread id).
/// </summary>
public sealed record ConversationKey(
    Guid ContactId,
    ConversationChannel Channel,
    ConversationAssistant Assistant = ConversationAssistant.Customer,
    Guid? UserId = null,
    string? ExternalId = null)
{
    /// <summary>The key with the thread id trimmed (blank means none); a key that names no valid conversation throws.</summary>
    public ConversationKey Normalized()
    {
        var externalId = string.IsNullOrWhiteSpace(ExternalId) ? null : ExternalId.Trim();
        if (externalId?.Length > Conversation.MaxExternalIdLength)
        {
            throw new ArgumentException($"A channel thread id is at most {Conversation.MaxExternalIdLength} characters.", nameof(ExternalId));
        }
        if (Assistant == ConversationAssistant.Personal && UserId is null)
        {
            throw new ArgumentException("A personal-assistant conversation belongs to a staff user: UserId is required.", nameof(UserId));
        }
        if (Assistant == ConversationAssistant.Customer && UserId is not null)
        {
            throw new ArgumentException("A customer conversation belongs to no staff user: UserId must be null.", nameof(UserId));
        }
        return this with { ExternalId = externalId };
    }
}
