using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Conversations;

/// <summary>The conversation a key names, and whether this call created it.</summary>
public sealed record OpenedConversation(Conversation Conversation, bool Created);
