using Conversa.Core.Conversations;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Conversations;

public sealed partial class ConversationStore
{
    /// <summary>
    /// Stores an answered message in one transaction: what the contact wrote and the assistant's reply as the
    /// conversation's next two messages, the reply's handover to <see cref="IOutbox"/>, and the contact's context. One
    /// write per turn instead of three keeps SQLite's single writer free for the other turns. A message whose provider
    /// id another turn stored meanwhile (a redelivery answered at the same moment) stores nothing and comes back
    /// <see cref="RecordedTurn.Duplicate"/>. Null when the conversation is gone. The caller must not be in a transaction.
    /// </summary>
    public async Task<RecordedTurn?> RecordTurnAsync(
        Guid conversationId, string? recipient, NewMessage incoming, NewMessage reply, ContactContext context, CancellationToken cancellationToken)
    {
        incoming = incoming.Normalized();
        reply = reply.Normalized();
        if (incoming.Role != MessageRole.User || reply.Role == MessageRole.User)
        {
            throw new ArgumentException("A turn is a user's message and the answer to it.", nameof(incoming));
        }
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("RecordTurnAsync commits the turn itself; call it outside a transaction.");
        }

        OutboundMessage handedOver;
        OutboxHandover handover;
        ConversationMessage replyRow;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var now = UtcNow;
            if (await CountMessagesAsync(conversationId, 2, now, cancellationToken) is not { } conversation)
            {
                return null;
            }
            var userRow = NewRow(conversationId, conversation.Channel, conversation.MessageCount - 1, incoming, now);
            replyRow = NewRow(conversationId, conversation.Channel, conversation.MessageCount, reply with { DeliveryStatus = DeliveryStatus.Sent }, now);
            (handedOver, handover) = await StageHandOverAsync(replyRow, conversation.Channel, conversation.ExternalId, recipient, cancellationToken);
            db.ConversationMessages.AddRange(userRow, replyRow);
            // The messages and the outbox row go in one batch. No savepoint around it (two round trips on PostgreSQL):
            // a failed save ends the whole turn, whose transaction is rolled back.
            db.Database.AutoSavepointsEnabled = false;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && incoming.ExternalId is not null)
            {
                return new RecordedTurn(null, Duplicate: true);
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = true;
                db.Entry(userRow).State = EntityState.Detached;
                db.Entry(replyRow).State = EntityState.Detached;
                if (handover.Row is { } staged)
                {
                    db.Entry(staged).State = EntityState.Detached;
                }
            }
            await StoreContextAsync(context, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        Committed(handedOver, handover);
        return new RecordedTurn(replyRow, Duplicate: false);
    }

    /// <summary>Whether a message with this provider id is stored on the channel (a redelivery of one already handled).</summary>
    public Task<ConversationMessage?> FindProviderCopyAsync(ConversationChannel channel, string externalId, CancellationToken cancellationToken)
    {
        var id = externalId.Trim();
        return db.ConversationMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Channel == channel && m.ExternalId == id, cancellationToken);
    }

    /// <summary>Stages an outgoing message's handover in the current transaction and notes on it which outbound channel took it.</summary>
    private async Task<OutboundMessage> HandOverAsync(
        ConversationMessage row, ConversationChannel channel, string? threadId, string? recipient, CancellationToken cancellationToken)
    {
        var message = OutboundOf(row, channel, threadId, recipient);
        Note(row, await outbox.EnqueueAsync(db, message, cancellationToken));
        return message;
    }

    /// <summary>
    /// <see cref="HandOverAsync"/> for a row not saved yet: the outbox row is added to the context for the caller's save,
    /// claimed by this scope when it sends its own replies (<see cref="DirectSends"/>).
    /// </summary>
    private async Task<(OutboundMessage, OutboxHandover)> StageHandOverAsync(
        ConversationMessage row, ConversationChannel channel, string? threadId, string? recipient, CancellationToken cancellationToken)
    {
        var message = OutboundOf(row, channel, threadId, recipient);
        var handover = await outbox.StageAsync(db, message, direct.Claim, cancellationToken);
        Note(row, handover.Channel);
        return (message, handover);
    }

    /// <summary>
    /// Saves a message's handover in the current transaction, claimed by this scope when it sends its own replies: a
    /// handoff that follows a reply then goes out after it, from the same list, instead of overtaking it in the worker.
    /// </summary>
    private async Task<OutboxHandover> EnqueueOwnAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var handover = await outbox.StageAsync(db, message, direct.Claim, cancellationToken);
        if (handover.Row is { } row)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
        return handover;
    }

    /// <summary>After the commit: a row this scope claimed waits for it in <see cref="DirectSends"/>; any other wakes the worker.</summary>
    private void Committed(OutboundMessage message, OutboxHandover handover)
    {
        if (handover.Row is { ClaimToken: not null } claimed)
        {
            direct.Committed(claimed);
        }
        else
        {
            outbox.Committed(message);
        }
    }

    private OutboundMessage OutboundOf(ConversationMessage row, ConversationChannel channel, string? threadId, string? recipient) =>
        new(db.CurrentTenantId, db.Tenant.TenantSlug ?? "", recipient, row.Content, PurposeOf(row.Role), row.Id, channel, row.ConversationId, threadId);

    private static void Note(ConversationMessage row, string outboundChannel)
    {
        row.Metadata[OutboxChannelKey] = outboundChannel;
        if (DurableOutbox.IsQueued(outboundChannel))
        {
            // Sent once the outbox's sender has delivered it.
            row.DeliveryStatus = DeliveryStatus.Pending;
        }
    }

    /// <summary>
    /// Replaces the stored context inside the caller's transaction, creating it the first time, in one statement: an
    /// upsert on the one-context-per-contact key, so a first turn needs no failed update, savepoint and insert, and a
    /// concurrent turn creating the same context cannot make it fail (the later write wins, as for an update). The
    /// conversation's contact is this tenant's (the caller counted a message on it); the tenant condition keeps the
    /// update to this tenant's row all the same (row-level security checks both rows on PostgreSQL).
    /// </summary>
    private Task<int> StoreContextAsync(ContactContext context, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var slots = context.Slots.ToJsonString();
        context.UpdatedAt = UtcNow;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO contact_contexts (id, tenant_id, contact_id, last_intent, language, slots, pending_dialog, no_match_count, last_handoff_offer_at, updated_at)
            VALUES ({context.Id}, {tenantId}, {context.ContactId}, {context.LastIntent}, {context.Language}, {slots}, {context.PendingDialog},
                {context.NoMatchCount}, {context.LastHandoffOfferAt}, {context.UpdatedAt})
            ON CONFLICT (contact_id) DO UPDATE SET last_intent = excluded.last_intent, language = excluded.language, slots = excluded.slots,
                pending_dialog = excluded.pending_dialog, no_match_count = excluded.no_match_count,
                last_handoff_offer_at = excluded.last_handoff_offer_at, updated_at = excluded.updated_at
            WHERE contact_contexts.tenant_id = excluded.tenant_id
            """, cancellationToken);
    }

    private static ConversationMessage NewRow(Guid conversationId, ConversationChannel channel, int sequence, NewMessage message, DateTime now) => new()
    {
        ConversationId = conversationId,
        Channel = channel,
        Sequence = sequence,
        Role = message.Role,
        Content = message.Content,
        Agent = message.Agent,
        Intent = message.Intent,
        Language = message.Language,
        LatencyMs = message.LatencyMs,
        DeliveryStatus = message.DeliveryStatus,
        ExternalId = message.ExternalId,
        SenderUserId = message.SenderUserId,
        Metadata = message.Metadata?.DeepClone().AsObject() ?? [],
        CreatedAt = now,
    };
}
