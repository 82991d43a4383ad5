namespace Conversa.Infrastructure.Engine;

/// <summary>
/// The outcome of one message: the conversation, the reply and the agent that gave it, the intent and language
/// read, the sources and actions, and whether a human now has the conversation. <see cref="Silent"/>: a human
/// already had it, so the message was stored and not answered (<see cref="Reply"/> is empty).
/// <see cref="Duplicate"/>: the message had been answered before (a redelivery) and this is that earlier answer.
/// <see cref="OverQuota"/>: the month's messages were used up, so the reply is the fixed polite one (stored like any
/// turn); channels send it, HTTP actions answer 429 instead.
/// </summary>
public sealed record ChatTurn(
    Guid ConversationId,
    Guid? ReplyMessageId,
    string Reply,
    string Agent,
    string? Intent,
    string Language,
    IReadOnlyList<SourceRef> Sources,
    IReadOnlyList<AgentAction> Actions,
    bool Handoff,
    bool Silent = false,
    bool Duplicate = false,
    QuotaRefusal? OverQuota = null);
