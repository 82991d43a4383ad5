using Conversa.Core.Conversations;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Widget;

/// <summary>
/// What <c>GET /api/widget/messages</c> shows a visitor: the replies (the assistant's, a human agent's, the platform's)
/// in their current widget conversation — the newest one, which their next message goes to unless it was closed. The
/// replies of a handed-off conversation reach the visitor only this way (the widget has no push channel). Everything
/// is inside the key's tenant (the query filter) and the visitor's own contact, so another visitor's or tenant's
/// cursor finds nothing. Replies it hands out become <c>delivered</c>.
/// </summary>
public sealed class WidgetFeed(AppDbContext db)
{
    /// <summary>
    /// The replies after <paramref name="after"/>, oldest first; without a cursor the latest <paramref name="limit"/>.
    /// A cursor in an earlier conversation of the visitor starts the current one from its beginning. Null when the
    /// cursor is no message of this visitor's widget conversations.
    /// </summary>
    public async Task<WidgetFeedPage?> ReadAsync(string visitorId, Guid? after, int limit, CancellationToken cancellationToken)
    {
        var contactRef = WidgetVisitor.ContactRef(visitorId);
        var conversations = db.Conversations.AsNoTracking().Where(c =>
            c.Channel == ConversationChannel.Widget && c.Assistant == ConversationAssistant.Customer &&
            db.Contacts.Any(k => k.Id == c.ContactId && k.ExternalRef == contactRef));
        var current = await conversations.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return after is null ? new WidgetFeedPage(null, []) : null;
        }
        var conversationId = current.Id;
        var replies = db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Role != MessageRole.User);
        if (after is not { } cursor)
        {
            var latest = await replies.OrderByDescending(m => m.Sequence).Take(limit).ToListAsync(cancellationToken);
            latest.Reverse();
            return new WidgetFeedPage(current, latest);
        }
        var mark = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.Id == cursor && conversations.Any(c => c.Id == m.ConversationId))
            .Select(m => new { m.ConversationId, m.Sequence })
            .FirstOrDefaultAsync(cancellationToken);
        if (mark is null)
        {
            return null;
        }
        var from = mark.ConversationId == conversationId ? mark.Sequence : 0;
        var next = await replies.Where(m => m.Sequence > from).OrderBy(m => m.Sequence).Take(limit).ToListAsync(cancellationToken);
        return new WidgetFeedPage(current, next);
    }

    /// <summary>
    /// Marks replies the visitor has just been given <c>delivered</c>: the widget has no provider to report it, the
    /// feed's answer is the delivery. Only forward (<see cref="DeliveryProgress"/>), and compare-and-set against the
    /// status read with the page, so a status that moved meanwhile (or a repeated poll) is left as it is.
    /// </summary>
    public async Task MarkDeliveredAsync(IReadOnlyList<ConversationMessage> replies, CancellationToken cancellationToken)
    {
        var byStatus = replies.Where(m => DeliveryProgress.CanMove(m.DeliveryStatus, DeliveryStatus.Delivered)).GroupBy(m => m.DeliveryStatus);
        foreach (var group in byStatus)
        {
            var from = group.Key;
            var ids = group.Select(m => m.Id).ToList();
            await db.ConversationMessages.Where(m => ids.Contains(m.Id) && m.DeliveryStatus == from)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveryStatus, DeliveryStatus.Delivered), cancellationToken);
        }
    }
}

/// <summary>The visitor's current conversation (null before their first message) and the replies asked for.</summary>
public sealed record WidgetFeedPage(Conversation? Conversation, IReadOnlyList<ConversationMessage> Replies);
