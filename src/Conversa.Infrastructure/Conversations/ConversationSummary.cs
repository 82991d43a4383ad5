using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Conversations;

/// <summary>A conversation as a list shows it: with its contact and the start of its last message.</summary>
public sealed record ConversationSummary(Conversation Conversation, ContactSummary Contact, MessagePreview? LastMessage);

public sealed record ContactSummary(Guid Id, string Name, string? Phone);

/// <summary>The last message's role, its first <see cref="ConversationDesk.PreviewLength"/> characters (… when cut) and time.</summary>
public sealed record MessagePreview(MessageRole Role, string Text, DateTime CreatedAt);
