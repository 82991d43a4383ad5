using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Conversations;

/// <summary>A stored message; <see cref="Duplicate"/> when its provider id was stored before and this is that earlier message.</summary>
public sealed record StoredMessage(ConversationMessage Message, bool Duplicate);
