using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Conversations;

/// <summary>
/// What <see cref="ConversationStore.RecordTurnAsync"/> stored: the reply, or nothing when another turn had already
/// stored the same provider message (<see cref="Duplicate"/>).
/// </summary>
public sealed record RecordedTurn(ConversationMessage? Reply, bool Duplicate);
