using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Conversations;

/// <summary>A conversation with its latest messages, oldest first.</summary>
public sealed record ConversationThread(ConversationSummary Summary, IReadOnlyList<ConversationMessage> Messages);
