using Conversa.Core.Conversations;
using Conversa.Core.Time;
using NodaTime;

namespace Conversa.Api.Features.Widget;

/// <summary>
/// <c>GET /api/widget/messages</c>'s answer: the visitor's conversation (null before their first message), whether a
/// person has it now (<c>handoff</c>), the replies and the cursor to ask with next (the last reply's id, else the
/// cursor given).
/// </summary>
public sealed record WidgetFeedView(Guid? ConversationId, bool Handoff, IReadOnlyList<WidgetFeedMessageView> Items, Guid? NextCursor)
{
    public static WidgetFeedView From(WidgetFeedPage page, Guid? after, DateTimeZone zone) => new(
        page.Conversation?.Id,
        page.Conversation?.IsHandedOff ?? false,
        page.Replies.Select(m => WidgetFeedMessageView.From(m, zone)).ToList(),
        page.Replies.Count > 0 ? page.Replies[^1].Id : after);
}

/// <summary>
/// One reply as the visitor sees it, named like the staff's message view (<c>role</c>, <c>content</c>, <c>agent</c>,
/// <c>created_at</c>); <c>from_human</c> when a staff member wrote it.
/// </summary>
public sealed record WidgetFeedMessageView(Guid Id, MessageRole Role, string Content, string? Agent, bool FromHuman, string CreatedAt)
{
    public static WidgetFeedMessageView From(ConversationMessage m, DateTimeZone zone) =>
        new(m.Id, m.Role, m.Content, m.Agent, m.Role == MessageRole.Agent, ZonedTime.Format(m.CreatedAt, zone));
}
