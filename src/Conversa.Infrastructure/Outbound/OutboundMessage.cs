using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// A message the platform sends: to whom, what, and why. <see cref="Recipient"/> is a phone in E.164 when one is known.
/// A conversation's reply also names its <see cref="Channel"/>, <see cref="ConversationId"/> and
/// <see cref="ThreadId"/> (the conversation's external id, e.g. the Chatwoot conversation id); a message the platform
/// sends on its own (a reminder, a staff notice) has none of them. <see cref="ReferenceId"/> is the stored
/// conversation message for replies, the reminder or conversation otherwise. <see cref="Kind"/> is
/// <see cref="TextKind"/> or <see cref="HandoffKind"/> (hand the conversation to a human on the provider, Chatwoot's
/// <c>toggle_status</c>).
/// </summary>
public sealed record OutboundMessage(
    Guid TenantId,
    string TenantSlug,
    string? Recipient,
    string Text,
    string Purpose,
    Guid ReferenceId,
    ConversationChannel? Channel = null,
    Guid? ConversationId = null,
    string? ThreadId = null,
    string Kind = OutboundMessage.TextKind)
{
    public const string TextKind = "text";
    public const string HandoffKind = "handoff";
}
