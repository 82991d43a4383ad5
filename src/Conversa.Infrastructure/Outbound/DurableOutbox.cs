using Conversa.Core.Channels;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// The outbox: <see cref="EnqueueAsync"/> stages an <c>outbox_messages</c> row in the caller's transaction, for the
/// first <see cref="IChannelSender"/> that takes the message (in registration order, <c>log</c> last), and the
/// sender worker delivers it after the commit — or, staged with a claim (<see cref="StageAsync"/>), the scope that
/// stored it does (<see cref="DirectSends"/>). Replies on the API, the widget and the OpenAI-compatible endpoint
/// reach their caller in the HTTP response, so they get no row: their channel is <see cref="InlineChannel"/>.
/// </summary>
public sealed class DurableOutbox(IEnumerable<IChannelSender> senders, LogSender log, OutboxSignal signal, OutboxOptions options, TimeProvider time) : IOutbox
{
    public const string InlineChannel = "inline";

    private readonly IChannelSender[] _senders = [.. senders.Where(s => s.Channel != LogSender.Name)];

    /// <summary>Whether a message handed over on <paramref name="channel"/> still has to be delivered by the worker.</summary>
    public static bool IsQueued(string channel) => channel != InlineChannel;

    public async Task<string> EnqueueAsync(AppDbContext db, OutboundMessage message, CancellationToken cancellationToken)
    {
        var handover = await StageAsync(db, message, claim: null, cancellationToken);
        if (handover.Row is { } entry)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                db.Entry(entry).State = EntityState.Detached;
            }
        }
        return handover.Channel;
    }

    public async Task<OutboxHandover> StageAsync(AppDbContext db, OutboundMessage message, Guid? claim, CancellationToken cancellationToken)
    {
        if (message.Channel is ConversationChannel.Api or ConversationChannel.Widget or ConversationChannel.Openai)
        {
            return new OutboxHandover(InlineChannel, null);
        }
        IChannelSender chosen = log;
        foreach (var sender in _senders)
        {
            if (await sender.HandlesAsync(message, db, cancellationToken))
            {
                chosen = sender;
                break;
            }
        }
        var now = time.GetUtcNow().UtcDateTime;
        var entry = new OutboxEntry
        {
            TenantId = message.TenantId,
            Channel = chosen.Channel,
            Purpose = message.Purpose,
            Kind = message.Kind,
            ReferenceId = message.ReferenceId,
            ConversationChannel = message.Channel,
            ConversationId = message.ConversationId,
            ThreadId = message.ThreadId,
            Recipient = message.Recipient,
            Text = message.Text,
            DueAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (claim is not null)
        {
            // Claimed as the worker would claim it (the claim is the first attempt), by the scope that will send it.
            entry.ClaimToken = claim;
            entry.ClaimedUntil = now.AddSeconds(options.LeaseSeconds);
            entry.Attempts = 1;
        }
        db.OutboxEntries.Add(entry);
        return new OutboxHandover(chosen.Channel, entry);
    }

    public void Committed(OutboundMessage message) => signal.Notify();
}
