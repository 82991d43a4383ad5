using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.Widget;

public sealed record WidgetSourceView(Guid DocumentId, string Title);

/// <summary>
/// <c>POST /api/widget/messages</c>'s answer: <c>{conversation_id, reply, agent}</c> as API.md shows it, plus the stored
/// reply's id (<c>message_id</c>, the same id <c>GET /api/widget/messages</c> lists it by), the reply's language, its
/// knowledge sources and whether a person has the conversation now. While a person has it the bot stays silent:
/// <c>reply</c> is empty, <c>message_id</c> null, <c>agent</c> <c>human</c>, <c>handoff</c> true.
/// </summary>
public sealed record WidgetReplyView(
    Guid ConversationId, Guid? MessageId, string Reply, string Agent, string Language, bool Handoff, IReadOnlyList<WidgetSourceView> Sources)
{
    public static WidgetReplyView From(ChatTurn turn) => new(
        turn.ConversationId,
        turn.ReplyMessageId,
        turn.Reply,
        turn.Agent,
        turn.Language,
        turn.Handoff,
        turn.Sources.Select(s => new WidgetSourceView(s.DocumentId, s.Title)).ToList());
}

/// <summary><c>GET /api/widget/config</c>: what the widget shows before the first message.</summary>
public sealed record WidgetConfigView(string Tenant, string Name, string? AssistantName, string PrimaryColor, string? GreetingMessage, string Language);
