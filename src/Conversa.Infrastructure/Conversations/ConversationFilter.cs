using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Conversations;

/// <summary>Filters of the conversation list; null means any.</summary>
public sealed record ConversationFilter(ConversationStatus? Status = null, ConversationChannel? Channel = null, Guid? ContactId = null);
