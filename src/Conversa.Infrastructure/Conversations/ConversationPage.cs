namespace Conversa.Infrastructure.Conversations;

/// <summary>One page of conversations and how many the whole list has.</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Items, int Total);
