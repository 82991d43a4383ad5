using Conversa.Core.Channels;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// The outbox: <see cref="EnqueueAsync"/> stages an <c>outbox_messages</c> row in the caller's transaction, for the
/// first <see cref="IChannelSender"/> that takes the message (in registration order, <c>log</c> last), and the
/// sender worker delivers it after the commit. Replies on the API, the widget and the OpenAI-compatible endpoint
/// reach their caller in the HTTP response, so they get no row: their channel is <see cref="InlineChannel"/>.
/// </summary>
public sealed class DurableOutbox(IEnumerable<IChannelSender> senders, LogSender log, OutboxSignal signal, TimeProvider time) : IOutbox
{
    public const string InlineChannel = "inline";

    private readonly IChannelSender[] _senders = [.. senders.Where(s => s.Channel != LogSender.Name)];

    /// <summary>Whether a message handed over on <paramref name="channel"/> still has to be delivered by the worker.</summary>
    public static bool IsQueued(string channel) => channel != InlineChannel;

    public async Task<string> EnqueueAsync(AppDbContext db, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Channel is ConversationChannel.Api or ConversationChannel.Widget or ConversationChannel.Openai)
        {
            return InlineChannel;
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
        db.OutboxEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(entry).State = EntityState.Detached;
        }
        return chosen.Channel;
    }

    public void Committed(OutboundMessage message) => signal.Notify();
}
