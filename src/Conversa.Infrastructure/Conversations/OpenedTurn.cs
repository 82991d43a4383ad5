using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Conversations;

/// <summary>
/// What a chat turn starts from: its conversation, the contact's context, and the stored copy of the incoming message
/// when the provider delivered it before (a redelivery, answered once).
/// </summary>
public sealed record OpenedTurn(OpenedConversation Opened, ContactContext Context, ConversationMessage? ProviderCopy);
