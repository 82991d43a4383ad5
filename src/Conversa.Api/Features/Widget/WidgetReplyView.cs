using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.Widget;

public sealed record WidgetSourceView(Guid DocumentId, string Title);

/// <summary>
/// <c>POST /api/widget/messages</c>'s answer: <c>{conversation_id, reply, agent}</c> as API.md shows it, plus the reply's
/// language, its knowledge sources and whether a person has the conversation now (the reply is then empty).
/// </summary>
public sealed record WidgetReplyView(Guid ConversationId, string Reply, string Agent, string Language, bool Handoff, IReadOnlyList<WidgetSourceView> Sources)
{
    public static WidgetReplyView From(ChatTurn turn) => new(
        turn.ConversationId,
        turn.Reply,
        turn.Agent,
        turn.Language,
        turn.Handoff,
        turn.Sources.Select(s => new WidgetSourceView(s.DocumentId, s.Title)).ToList());
}

/// <summary><c>GET /api/widget/config</c>: what the widget shows before the first message.</summary>
public sealed record WidgetConfigView(string Tenant, string Name, string? AssistantName, string PrimaryColor, string? GreetingMessage, string Language);
