using Conversa.Core.Conversations;
using Conversa.Core.Time;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Conversa.Infrastructure.Conversations;

/// <summary>
/// The tenant staff's side of conversations (the <c>/api/conversations</c> endpoints): lists with the last message,
/// a conversation with its messages, taking over and handing back, human replies, deletion. Every method takes the
/// <see cref="ConversationViewer"/>: a personal-assistant conversation of another user answers exactly like a
/// missing one. The writes go through <see cref="ConversationStore"/>, the same door the engine uses.
/// </summary>
public sealed class ConversationDesk(AppDbContext db, ConversationStore store)
{
    /// <summary>How many characters of the last message a list shows.</summary>
    public const int PreviewLength = 200;

    /// <summary>The most messages a conversation's detail shows (the latest ones).</summary>
    public const int MaxMessagesShown = 500;

    /// <summary>The most characters of a human reply (WhatsApp's limit for a text message).</summary>
    public const int MaxReplyLength = 4096;

    private DateTimeZone? _zone;

    /// <summary>The tenant's time zone, which the API shows times in (read once per scope).</summary>
    public async Task<DateTimeZone> ZoneAsync(CancellationToken cancellationToken)
    {
        if (_zone is null)
        {
            var tenantId = db.CurrentTenantId;
            var timezone = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Timezone).FirstAsync(cancellationToken);
            _zone = ZonedTime.Zone(timezone);
        }
        return _zone;
    }

    /// <summary>The conversations the viewer may see, newest activity first.</summary>
    public async Task<ConversationPage> ListAsync(
        ConversationViewer viewer, ConversationFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        var query = Visible(viewer);
        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }
        if (filter.Channel is { } channel)
        {
            query = query.Where(c => c.Channel == channel);
        }
        if (filter.ContactId is { } contactId)
        {
            query = query.Where(c => c.ContactId == contactId);
        }
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id)
            .Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return new ConversationPage(await SummariesAsync(page, cancellationToken), total);
    }

    /// <summary>The conversation with its latest <see cref="MaxMessagesShown"/> messages, oldest first; null when the viewer may not see it.</summary>
    public async Task<ConversationThread?> GetAsync(ConversationViewer viewer, Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(viewer, id, cancellationToken) is not { } summary)
        {
            return null;
        }
        var messages = await store.RecentMessagesAsync(id, MaxMessagesShown, cancellationToken);
        return new ConversationThread(summary, messages);
    }

    /// <summary>The conversation as a list shows it; null when the viewer may not see it.</summary>
    public async Task<ConversationSummary?> FindAsync(ConversationViewer viewer, Guid id, CancellationToken cancellationToken)
    {
        var conversation = await Visible(viewer).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return conversation is null ? null : (await SummariesAsync([conversation], cancellationToken))[0];
    }

    /// <summary>A human takes over (idempotent). Null when the viewer may not see the conversation.</summary>
    public async Task<ConversationSummary?> HandOffAsync(ConversationViewer viewer, Guid id, string? reason, CancellationToken cancellationToken) =>
        await MayTouchAsync(viewer, id, cancellationToken) && await store.HandOffAsync(id, reason, cancellationToken) is not null
            ? await FindAsync(viewer, id, cancellationToken)
            : null;

    /// <summary><c>enabled</c>: hand back to the bot; otherwise the same as a hand-off without a reason. Idempotent.</summary>
    public async Task<ConversationSummary?> SetBotAsync(ConversationViewer viewer, Guid id, bool enabled, CancellationToken cancellationToken)
    {
        if (!await MayTouchAsync(viewer, id, cancellationToken))
        {
            return null;
        }
        var change = enabled ? await store.HandBackAsync(id, cancellationToken) : await store.HandOffAsync(id, null, cancellationToken);
        return change is null ? null : await FindAsync(viewer, id, cancellationToken);
    }

    /// <summary>
    /// A staff member's reply, stored and handed to the outbox (see <see cref="ConversationStore.RecordAgentReplyAsync"/>).
    /// The sender is the viewer's user when they are still a user of the tenant. Null when the viewer may not see it.
    /// </summary>
    public async Task<ConversationMessage?> ReplyAsync(ConversationViewer viewer, Guid id, string content, CancellationToken cancellationToken)
    {
        if (!await MayTouchAsync(viewer, id, cancellationToken))
        {
            return null;
        }
        var sender = viewer.UserId is { } userId && await db.Users.AnyAsync(u => u.Id == userId, cancellationToken) ? userId : (Guid?)null;
        return await store.RecordAgentReplyAsync(id, content, sender, cancellationToken);
    }

    /// <summary>Deletes the conversation and its messages. False when the viewer may not see it.</summary>
    public async Task<bool> DeleteAsync(ConversationViewer viewer, Guid id, CancellationToken cancellationToken) =>
        await MayTouchAsync(viewer, id, cancellationToken) && await store.DeleteAsync(id, cancellationToken);

    /// <summary>Customer conversations, and the viewer's own personal-assistant ones.</summary>
    private IQueryable<Conversation> Visible(ConversationViewer viewer)
    {
        var userId = viewer.UserId;
        return db.Conversations.AsNoTracking()
            .Where(c => c.Assistant == ConversationAssistant.Customer || (userId != null && c.UserId == userId));
    }

    private Task<bool> MayTouchAsync(ConversationViewer viewer, Guid id, CancellationToken cancellationToken) =>
        Visible(viewer).AnyAsync(c => c.Id == id, cancellationToken);

    /// <summary>The page's contacts and last messages, two queries for the whole page.</summary>
    private async Task<List<ConversationSummary>> SummariesAsync(List<Conversation> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return [];
        }
        var ids = page.Select(c => c.Id).ToList();
        var contactIds = page.Select(c => c.ContactId).Distinct().ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id))
            .Select(c => new ContactSummary(c.Id, c.Name, c.Phone))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        // A conversation's last message is the one whose sequence is its message count.
        var last = await (
                from m in db.ConversationMessages.AsNoTracking()
                join c in db.Conversations on m.ConversationId equals c.Id
                where ids.Contains(c.Id) && m.Sequence == c.MessageCount
                select new { m.ConversationId, m.Role, Text = m.Content.Substring(0, PreviewLength + 1), m.CreatedAt })
            .ToDictionaryAsync(m => m.ConversationId, cancellationToken);
        return page.Select(c => new ConversationSummary(
                c,
                contacts.GetValueOrDefault(c.ContactId) ?? new ContactSummary(c.ContactId, "", null),
                last.TryGetValue(c.Id, out var m) ? new MessagePreview(m.Role, Preview(m.Text), m.CreatedAt) : null))
            .ToList();
    }

    private static string Preview(string text)
    {
        if (text.Length <= PreviewLength)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[PreviewLength - 1]) ? PreviewLength - 1 : PreviewLength;
        return text[..cut].TrimEnd() + "…";
    }
}
