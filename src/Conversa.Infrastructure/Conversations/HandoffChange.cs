using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Conversations;

/// <summary>The conversation after a hand-off or hand-back, and whether this call changed it (false: it already was so).</summary>
public sealed record HandoffChange(Conversation Conversation, bool Changed);
