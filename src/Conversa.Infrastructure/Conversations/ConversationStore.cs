using Conversa.Core.Conversations;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Conversations;

/// <summary>
/// The conversation engine's and the channels' door to stored conversations, inside the scope's tenant: find or
/// create a contact's conversation, store what arrives and what goes out (counting messages as they come), hand
/// conversations to humans and back, record a human agent's reply and hand it to <see cref="IOutbox"/> in the same
/// transaction, follow delivery statuses, and keep each contact's <see cref="ContactContext"/>.
/// <para>
/// Every entity it returns is a detached snapshot: the store writes with targeted SQL (counters, status changes) so
/// concurrent turns add up instead of overwriting each other, and a tracked copy would go stale. It sees every
/// conversation of the tenant; what staff may see is <see cref="ConversationDesk"/>'s business.
/// </para>
/// </summary>
public sealed partial class ConversationStore(AppDbContext db, IOutbox outbox, DirectSends direct, TimeProvider time, ILogger<ConversationStore> logger)
{
    /// <summary>How often a create that lost a race looks again for the winner's row.</summary>
    private const int CreateAttempts = 3;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The conversation for a contact on a channel: the one the channel's thread id names (a closed one is reopened:
    /// the thread goes on), else the contact's open one for that channel and assistant, else a new one. Two calls
    /// racing for the same new conversation get the same row (unique indexes settle it; the loser reads the winner's).
    /// Null when the contact (or the personal assistant's user) is not this tenant's.
    /// </summary>
    /// <exception cref="ArgumentException">The key is inconsistent (see <see cref="ConversationKey.Normalized"/>).</exception>
    /// <exception cref="InvalidOperationException">The thread id names a conversation of another assistant or user.</exception>
    public async Task<OpenedConversation?> OpenAsync(ConversationKey key, CancellationToken cancellationToken) =>
        (await OpenAsync(key, withContext: false, providerMessageId: null, cancellationToken))?.Opened;

    /// <summary>
    /// <see cref="OpenAsync(ConversationKey, CancellationToken)"/>, the contact's context as <see cref="LoadContextAsync"/>
    /// gives it, and the stored copy of <paramref name="providerMessageId"/> if the channel delivered it before: for a
    /// conversation that exists, all three are known after one query (a chat turn's first reads; the copy itself is
    /// read only when there is one).
    /// </summary>
    public async Task<OpenedTurn?> OpenWithContextAsync(ConversationKey key, string? providerMessageId, CancellationToken cancellationToken)
    {
        var messageId = providerMessageId?.Trim();
        if (await OpenAsync(key, withContext: true, messageId, cancellationToken) is not (var opened, var context, var stored))
        {
            return null;
        }
        var copy = messageId is null || stored == false ? null : await FindProviderCopyAsync(key.Channel, messageId, cancellationToken);
        return new OpenedTurn(opened, context ?? await LoadContextAsync(opened.Conversation.ContactId, cancellationToken), copy);
    }

    /// <summary>The conversation, its contact's context (<paramref name="withContext"/>) and whether the provider message is stored (null: not looked up).</summary>
    private async Task<(OpenedConversation Opened, ContactContext? Context, bool? ProviderCopyStored)?> OpenAsync(
        ConversationKey key, bool withContext, string? providerMessageId, CancellationToken cancellationToken)
    {
        key = key.Normalized();
        for (var attempt = 1; ; attempt++)
        {
            if (await FindOpenAsync(key, withContext, providerMessageId, cancellationToken) is (var existing, var context, var stored))
            {
                return (new OpenedConversation(await ReopenIfClosedAsync(existing, cancellationToken), Created: false), context, stored);
            }
            if (attempt == 1 && !await BelongsToTenantAsync(key, cancellationToken))
            {
                return null;
            }
            var now = UtcNow;
            var conversation = new Conversation
            {
                ContactId = key.ContactId,
                Channel = key.Channel,
                Assistant = key.Assistant,
                UserId = key.UserId,
                ExternalId = key.ExternalId,
                LastMessageAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Conversations.Add(conversation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (new OpenedConversation(conversation, Created: true), null, null);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < CreateAttempts)
            {
                logger.LogDebug("A conversation of contact {ContactId} on {Channel} was created concurrently; using it", key.ContactId, key.Channel);
            }
            finally
            {
                db.Entry(conversation).State = EntityState.Detached;
            }
        }
    }

    public Task<Conversation?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>The conversation a channel's thread id names (a Chatwoot conversation id, for instance), if stored.</summary>
    public Task<Conversation?> FindByExternalIdAsync(ConversationChannel channel, string externalId, CancellationToken cancellationToken)
    {
        var id = externalId.Trim();
        return db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Channel == channel && c.ExternalId == id, cancellationToken);
    }

    /// <summary>
    /// A human takes over: the bot stays silent (<c>status: handoff</c>, <c>bot_enabled: false</c>) until handed back.
    /// Idempotent: a conversation already handed off keeps its first reason and time (<see cref="HandoffChange.Changed"/> false).
    /// A Chatwoot conversation is handed to Chatwoot's agents too: a <see cref="OutboundMessage.HandoffKind"/> message goes to
    /// the outbox in the same transaction (unless <paramref name="tellChannel"/> is false: Chatwoot told us a human has it).
    /// Null when there is no such conversation.
    /// </summary>
    public async Task<HandoffChange?> HandOffAsync(Guid id, string? reason, CancellationToken cancellationToken, bool tellChannel = true)
    {
        if (tellChannel && db.Database.CurrentTransaction is null &&
            await db.Conversations.AnyAsync(c => c.Id == id && c.Channel == ConversationChannel.Chatwoot && c.ExternalId != null, cancellationToken))
        {
            OutboundMessage? handedOver = null;
            OutboxHandover? handover = null;
            var change = await AtomicallyAsync(async () =>
            {
                var done = await MarkHandedOffAsync(id, reason, cancellationToken);
                if (done is { Changed: true, Conversation: var conversation })
                {
                    handedOver = new OutboundMessage(db.CurrentTenantId, db.Tenant.TenantSlug ?? "", null, "", "handoff", conversation.Id,
                        conversation.Channel, conversation.Id, conversation.ExternalId, OutboundMessage.HandoffKind);
                    handover = await EnqueueOwnAsync(handedOver, cancellationToken);
                }
                return done;
            }, cancellationToken);
            if (handedOver is not null && handover is not null)
            {
                Committed(handedOver, handover);
            }
            return change;
        }
        return await MarkHandedOffAsync(id, reason, cancellationToken);
    }

    private async Task<HandoffChange?> MarkHandedOffAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var why = Clip(reason, Conversation.MaxHandoffReasonLength);
        var changed = await db.Conversations
            .Where(c => c.Id == id && (c.Status != ConversationStatus.Handoff || c.BotEnabled))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, ConversationStatus.Handoff)
                .SetProperty(c => c.BotEnabled, false)
                .SetProperty(c => c.HandoffReason, why)
                .SetProperty(c => c.HandoffAt, (DateTime?)now)
                .SetProperty(c => c.UpdatedAt, now), cancellationToken);
        return await FindAsync(id, cancellationToken) is { } conversation ? new HandoffChange(conversation, changed > 0) : null;
    }

    /// <summary>The bot answers again (<c>status: active</c>, <c>bot_enabled: true</c>; a closed conversation reopens). Idempotent.</summary>
    public async Task<HandoffChange?> HandBackAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var changed = await db.Conversations
            .Where(c => c.Id == id && (c.Status != ConversationStatus.Active || !c.BotEnabled))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, ConversationStatus.Active)
                .SetProperty(c => c.BotEnabled, true)
                .SetProperty(c => c.HandoffReason, (string?)null)
                .SetProperty(c => c.HandoffAt, (DateTime?)null)
                .SetProperty(c => c.UpdatedAt, now), cancellationToken);
        return await FindAsync(id, cancellationToken) is { } conversation ? new HandoffChange(conversation, changed > 0) : null;
    }

    /// <summary>Ends a conversation: the contact's next message on that channel starts a new one. False when there is no such conversation.</summary>
    public async Task<bool> CloseAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        await db.Conversations.Where(c => c.Id == id && c.Status != ConversationStatus.Closed)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConversationStatus.Closed).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        return await db.Conversations.AnyAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>Deletes a conversation and (by cascade, in the database) its messages. False when there is no such conversation.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Conversations.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>
    /// The key's conversation and, <paramref name="withContext"/>, its contact's context (a fresh one when none is
    /// stored) and whether <paramref name="providerMessageId"/> is stored on the channel (null when not asked).
    /// </summary>
    private async Task<(Conversation Conversation, ContactContext? Context, bool? ProviderCopyStored)?> FindOpenAsync(
        ConversationKey key, bool withContext, string? providerMessageId, CancellationToken cancellationToken)
    {
        var candidates = key.ExternalId is { } externalId
            ? db.Conversations.AsNoTracking().Where(c => c.Channel == key.Channel && c.ExternalId == externalId)
            : db.Conversations.AsNoTracking().Where(c =>
                c.ContactId == key.ContactId && c.Channel == key.Channel && c.Assistant == key.Assistant &&
                c.ExternalId == null && c.Status != ConversationStatus.Closed);
        Conversation? found;
        ContactContext? context = null;
        bool? stored = null;
        if (withContext)
        {
            var row = await (
                from c in candidates
                join x in db.ContactContexts.AsNoTracking() on c.ContactId equals x.ContactId into contexts
                from x in contexts.DefaultIfEmpty()
                select new
                {
                    Conversation = c,
                    Context = x,
                    Stored = providerMessageId != null && db.ConversationMessages.Any(m => m.Channel == key.Channel && m.ExternalId == providerMessageId),
                }).FirstOrDefaultAsync(cancellationToken);
            found = row?.Conversation;
            context = row is null ? null : row.Context ?? NewContext(row.Conversation.ContactId);
            stored = providerMessageId is null ? null : row?.Stored;
        }
        else
        {
            found = await candidates.FirstOrDefaultAsync(cancellationToken);
        }
        if (found is not null && (found.Assistant != key.Assistant || found.UserId != key.UserId))
        {
            // Answering would hand one user's personal conversation to someone else (or mix assistants): refuse loudly.
            throw new InvalidOperationException(
                $"Conversation {found.Id} on {ConversationNames.Name(key.Channel)} belongs to another assistant or user than the one asked for.");
        }
        return found is null ? null : (found, context, stored);
    }

    private async Task<Conversation> ReopenIfClosedAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.Status != ConversationStatus.Closed)
        {
            return conversation;
        }
        var now = UtcNow;
        await db.Conversations.Where(c => c.Id == conversation.Id && c.Status == ConversationStatus.Closed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, ConversationStatus.Active)
                .SetProperty(c => c.BotEnabled, true)
                .SetProperty(c => c.HandoffReason, (string?)null)
                .SetProperty(c => c.HandoffAt, (DateTime?)null)
                .SetProperty(c => c.UpdatedAt, now), cancellationToken);
        return await FindAsync(conversation.Id, cancellationToken) ?? conversation;
    }

    /// <summary>
    /// The contact (and user) must be this tenant's: a foreign key alone would accept another tenant's row, since
    /// neither SQLite nor PostgreSQL's row-level security checks whose row a reference points at.
    /// </summary>
    private async Task<bool> BelongsToTenantAsync(ConversationKey key, CancellationToken cancellationToken) =>
        await db.Contacts.AnyAsync(c => c.Id == key.ContactId, cancellationToken) &&
        (key.UserId is not { } userId || await db.Users.AnyAsync(u => u.Id == userId, cancellationToken));

    private static string? Clip(string? text, int maxLength)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length <= maxLength ? trimmed : trimmed[..maxLength];
    }
}
