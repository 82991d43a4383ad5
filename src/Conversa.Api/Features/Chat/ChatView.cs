using System.Text.Json.Nodes;
using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.Chat;

public sealed record ChatSourceView(Guid DocumentId, string Title, string? HeadingPath);

/// <summary><c>POST /api/chat</c>'s answer, as API.md shows it (plus <c>language</c> and <c>contact_id</c>).</summary>
public sealed record ChatView(
    Guid ConversationId,
    Guid ContactId,
    string Reply,
    string Agent,
    string? Intent,
    string Language,
    IReadOnlyList<ChatSourceView> Sources,
    IReadOnlyList<JsonObject> Actions,
    bool Handoff)
{
    public static ChatView From(ChatTurn turn, Guid contactId) => new(
        turn.ConversationId,
        contactId,
        turn.Reply,
        turn.Agent,
        turn.Intent,
        turn.Language,
        turn.Sources.Select(s => new ChatSourceView(s.DocumentId, s.Title, s.HeadingPath)).ToList(),
        turn.Actions.Select(a => a.ToJson()).ToList(),
        turn.Handoff);
}

/// <summary>The seed's <c>POST /conversations/{contact_id}/test</c> answer.</summary>
public sealed record TestChatView(string BotResponse, string Agent, Guid ConversationId, string? Intent, bool Handoff);
