using Conversa.Core.Conversations;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Conversations;

public sealed partial class ConversationStore
{
    private const string ContextSavepoint = "contact_context";

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
            handedOver = await HandOverAsync(replyRow, conversation.Channel, conversation.ExternalId, recipient, cancellationToken);
            db.ConversationMessages.AddRange(userRow, replyRow);
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
                db.Entry(userRow).State = EntityState.Detached;
                db.Entry(replyRow).State = EntityState.Detached;
            }
            await StoreContextAsync(context, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        outbox.Committed(handedOver);
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
        var message = new OutboundMessage(db.CurrentTenantId, db.Tenant.TenantSlug ?? "", recipient, row.Content, PurposeOf(row.Role), row.Id,
            channel, row.ConversationId, threadId);
        var outboundChannel = await outbox.EnqueueAsync(db, message, cancellationToken);
        row.Metadata[OutboxChannelKey] = outboundChannel;
        if (DurableOutbox.IsQueued(outboundChannel))
        {
            // Sent once the outbox's sender has delivered it.
            row.DeliveryStatus = DeliveryStatus.Pending;
        }
        return message;
    }

    /// <summary>Replaces the stored context inside the caller's transaction, creating it (within a savepoint, since a lost race must not abort the turn) the first time.</summary>
    private async Task StoreContextAsync(ContactContext context, CancellationToken cancellationToken)
    {
        context.UpdatedAt = UtcNow;
        for (var attempt = 1; ; attempt++)
        {
            if (await UpdateContextAsync(context, cancellationToken) > 0)
            {
                return;
            }
            var transaction = db.Database.CurrentTransaction!;
            var row = ContextRow(context);
            await transaction.CreateSavepointAsync(ContextSavepoint, cancellationToken);
            db.ContactContexts.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.ReleaseSavepointAsync(ContextSavepoint, cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < CreateAttempts)
            {
                // Another turn created this contact's context meanwhile: update theirs.
                await transaction.RollbackToSavepointAsync(ContextSavepoint, cancellationToken);
            }
            finally
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
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
