using Conversa.Core.Conversations;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Conversations;

public sealed partial class ConversationStore
{
    /// <summary>The agent name of a staff member's reply, as API.md lists agents.</summary>
    public const string HumanAgent = "human";

    /// <summary>Why the outbox receives a human agent's reply (<see cref="OutboundMessage.Purpose"/>).</summary>
    public const string AgentReplyPurpose = "agent_reply";

    /// <summary>The metadata key that records which outbound channel took a sent message (today <c>log</c>).</summary>
    public const string OutboxChannelKey = "outbox_channel";

    private const string AppendSavepoint = "conversation_append";

    /// <summary>
    /// Stores a message as the conversation's next one (its <see cref="ConversationMessage.Sequence"/>), counting it and
    /// moving <see cref="Conversation.LastMessageAt"/>. A message whose provider id was stored before is not stored
    /// again: the earlier one comes back with <see cref="StoredMessage.Duplicate"/> set. Null when there is no such
    /// conversation. Joins the caller's transaction when there is one (within a savepoint).
    /// </summary>
    public async Task<StoredMessage?> AppendAsync(Guid conversationId, NewMessage message, CancellationToken cancellationToken)
    {
        message = message.Normalized();
        if (message.ExternalId is { } externalId && await FindProviderCopyAsync(conversationId, externalId, cancellationToken) is { } earlier)
        {
            return new StoredMessage(earlier, Duplicate: true);
        }
        try
        {
            var row = await AtomicallyAsync(() => InsertAsync(conversationId, message, beforeSave: null, cancellationToken), cancellationToken);
            return row is null ? null : new StoredMessage(row, Duplicate: false);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation() && message.ExternalId is not null)
        {
            // A redelivery processed at the same moment stored it first.
            if (await FindProviderCopyAsync(conversationId, message.ExternalId, cancellationToken) is { } first)
            {
                return new StoredMessage(first, Duplicate: true);
            }
            throw;
        }
    }

    /// <summary>
    /// Stores an outgoing message (assistant, agent or system) and hands it to <see cref="IOutbox"/> in one
    /// transaction, so it is either stored and queued or neither; <c>delivery_status</c> is <c>sent</c> once handed
    /// over inline (the HTTP response carries it) and <c>pending</c> while an outbox row waits for its sender, and the metadata
    /// records the outbound channel that took it (<see cref="OutboxChannelKey"/>). The outbox
    /// hears <see cref="IOutbox.Committed"/> after the commit. It needs its own transaction, so the caller must
    /// not be in one. Null when there is no such conversation.
    /// </summary>
    public async Task<ConversationMessage?> SendAsync(Guid conversationId, NewMessage message, CancellationToken cancellationToken)
    {
        message = message.Normalized();
        if (message.Role == MessageRole.User)
        {
            throw new ArgumentException("Only the assistant, an agent or the system send messages; store what a user wrote with AppendAsync.", nameof(message));
        }
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("SendAsync commits the message with its outbox handover itself; call it outside a transaction.");
        }
        OutboundMessage? handedOver = null;
        var row = await AtomicallyAsync(() => InsertAsync(conversationId, message with { DeliveryStatus = DeliveryStatus.Sent }, async (conversation, row) =>
        {
            var recipient = await db.Contacts.AsNoTracking().Where(c => c.Id == conversation.ContactId).Select(c => c.Phone).FirstOrDefaultAsync(cancellationToken);
            handedOver = await HandOverAsync(row, conversation.Channel, conversation.ExternalId, recipient, cancellationToken);
        }, cancellationToken), cancellationToken);
        if (row is not null && handedOver is not null)
        {
            outbox.Committed(handedOver);
        }
        return row;
    }

    /// <summary>
    /// A staff member's reply (role <c>agent</c>, agent <c>human</c>), sent through the conversation's channel by way
    /// of the outbox (see <see cref="SendAsync"/>). It does not hand the conversation back to the bot.
    /// </summary>
    public Task<ConversationMessage?> RecordAgentReplyAsync(Guid conversationId, string content, Guid? senderUserId, CancellationToken cancellationToken) =>
        SendAsync(conversationId, new NewMessage(MessageRole.Agent, content, Agent: HumanAgent, SenderUserId: senderUserId), cancellationToken);

    /// <summary>The conversation's last <paramref name="count"/> messages, oldest first (the history a model is shown).</summary>
    public async Task<IReadOnlyList<ConversationMessage>> RecentMessagesAsync(Guid conversationId, int count, CancellationToken cancellationToken)
    {
        var latest = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.Sequence)
            .Take(count)
            .ToListAsync(cancellationToken);
        latest.Reverse();
        return latest;
    }

    /// <summary>The message a provider knows by <paramref name="externalId"/> on <paramref name="channel"/> (a WhatsApp <c>wamid</c>).</summary>
    public Task<ConversationMessage?> FindMessageByExternalIdAsync(ConversationChannel channel, string externalId, CancellationToken cancellationToken)
    {
        var id = externalId.Trim();
        return db.ConversationMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Channel == channel && m.ExternalId == id, cancellationToken);
    }

    /// <summary>
    /// Records how far one of our messages got, and the provider's id for it once known (the sender's answer). A status
    /// only moves forward (<see cref="DeliveryProgress"/>): an older or repeated report changes nothing. True when the
    /// message changed.
    /// </summary>
    public Task<bool> MarkDeliveryAsync(Guid messageId, DeliveryStatus status, string? externalId, CancellationToken cancellationToken) =>
        MoveDeliveryAsync(db.ConversationMessages.Where(m => m.Id == messageId), status, externalId?.Trim(), cancellationToken);

    /// <summary>A provider's status report (WhatsApp <c>statuses[]</c>) for the message it knows by <paramref name="externalId"/>.</summary>
    public Task<bool> MarkDeliveryByExternalIdAsync(
        ConversationChannel channel, string externalId, DeliveryStatus status, CancellationToken cancellationToken)
    {
        var id = externalId.Trim();
        return MoveDeliveryAsync(db.ConversationMessages.Where(m => m.Channel == channel && m.ExternalId == id), status, null, cancellationToken);
    }

    private async Task<bool> MoveDeliveryAsync(IQueryable<ConversationMessage> match, DeliveryStatus status, string? externalId, CancellationToken cancellationToken)
    {
        // The usual case, one statement: the status moves on from one it may move on from (a sender marking its reply sent).
        DeliveryStatus?[] movable = [.. Enum.GetValues<DeliveryStatus>().Where(from => DeliveryProgress.CanMove(from, status)).Select(from => (DeliveryStatus?)from)];
        if (movable.Length > 0 && await match.Where(m => movable.Contains(m.DeliveryStatus))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveryStatus, status).SetProperty(m => m.ExternalId, m => externalId ?? m.ExternalId), cancellationToken) > 0)
        {
            return true;
        }
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await match.AsNoTracking().Select(m => new { m.Id, m.DeliveryStatus, m.ExternalId }).FirstOrDefaultAsync(cancellationToken);
            if (current is null)
            {
                return false;
            }
            var moves = DeliveryProgress.CanMove(current.DeliveryStatus, status);
            var newId = externalId is not null && current.ExternalId != externalId ? externalId : null;
            if (!moves && newId is null)
            {
                return false;
            }
            var target = moves ? status : current.DeliveryStatus;
            var setId = newId ?? current.ExternalId;
            // Compare-and-set: a report processed meanwhile wins, and this one is judged again against it.
            var changed = await db.ConversationMessages
                .Where(m => m.Id == current.Id && m.DeliveryStatus == current.DeliveryStatus && m.ExternalId == current.ExternalId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveryStatus, target).SetProperty(m => m.ExternalId, setId), cancellationToken);
            if (changed > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Adds <paramref name="messages"/> to the conversation's count and marks it active (on PostgreSQL this takes the row's
    /// lock until the transaction ends), reading back the new count in the same statement; null when the conversation
    /// does not exist for this tenant. Plain SQL because EF's <c>ExecuteUpdate</c> cannot return columns: the tenant
    /// condition the query filter would add is written out (row-level security applies on PostgreSQL as well).
    /// </summary>
    private async Task<CountedConversation?> CountMessagesAsync(Guid conversationId, int messages, DateTime now, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var rows = await db.Database.SqlQuery<CountedConversation.Row>($"""
            UPDATE conversations SET message_count = message_count + {messages}, last_message_at = {now}, updated_at = {now}
            WHERE id = {conversationId} AND tenant_id = {tenantId}
            RETURNING channel AS "Channel", message_count AS "MessageCount", external_id AS "ExternalId"
            """).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0].ToCounted();
    }

    /// <summary>
    /// Counts the message on its conversation (taking the row's lock on PostgreSQL, so concurrent appends to one
    /// conversation queue up and get consecutive sequence numbers), then inserts it with the new count as its sequence.
    /// </summary>
    private async Task<ConversationMessage?> InsertAsync(
        Guid conversationId, NewMessage message, Func<Conversation, ConversationMessage, Task>? beforeSave, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        if (await CountMessagesAsync(conversationId, 1, now, cancellationToken) is null)
        {
            return null;
        }
        var conversation = await db.Conversations.AsNoTracking().FirstAsync(c => c.Id == conversationId, cancellationToken);
        var row = NewRow(conversationId, conversation.Channel, conversation.MessageCount, message, now);
        if (beforeSave is not null)
        {
            await beforeSave(conversation, row);
        }
        db.ConversationMessages.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
        return row;
    }

    /// <summary>Runs the work in its own transaction, or within a savepoint of the caller's, so a failure undoes all of it.</summary>
    private async Task<T> AtomicallyAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            await outer.CreateSavepointAsync(AppendSavepoint, cancellationToken);
            try
            {
                var result = await work();
                await outer.ReleaseSavepointAsync(AppendSavepoint, cancellationToken);
                return result;
            }
            catch
            {
                await outer.RollbackToSavepointAsync(AppendSavepoint, CancellationToken.None);
                throw;
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var done = await work();
        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    /// <summary>The message stored before under the same provider id on this conversation's channel.</summary>
    private async Task<ConversationMessage?> FindProviderCopyAsync(Guid conversationId, string externalId, CancellationToken cancellationToken)
    {
        var channel = await db.Conversations.Where(c => c.Id == conversationId).Select(c => (ConversationChannel?)c.Channel).FirstOrDefaultAsync(cancellationToken);
        return channel is { } ch ? await FindProviderCopyAsync(ch, externalId, cancellationToken) : null;
    }

    private static string PurposeOf(MessageRole role) => role switch
    {
        MessageRole.Agent => AgentReplyPurpose,
        MessageRole.Assistant => "assistant_reply",
        _ => "system_message",
    };
}
