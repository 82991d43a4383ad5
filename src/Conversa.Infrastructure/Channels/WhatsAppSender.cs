using Conversa.Core.Channels;
using Conversa.Core.Contacts;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Channels;

/// <summary>
/// Delivers outbox rows through the Graph API from the tenant's number: conversation replies on WhatsApp, and
/// messages the platform sends on its own (reminders, staff notices) to a phone when the tenant has a number. Inside
/// the 24-hour customer-service window (the contact wrote on WhatsApp less than 24 hours ago) the text goes out as
/// is, split into 4096-character parts; outside it, as the tenant's approved reminder template — none configured is a
/// permanent failure that says so.
/// </summary>
public sealed class WhatsAppSender(WhatsAppChannelCache channels, TimeProvider time) : IChannelSender
{
    public static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);

    public string Channel => WhatsAppInboxHandler.ChannelName;

    /// <summary>
    /// Text for a WhatsApp conversation, or for a phone when nothing else names a channel — in both cases only when the
    /// tenant has a number; without one the message is left to the next sender (the log).
    /// </summary>
    public async ValueTask<bool> HandlesAsync(OutboundMessage message, AppDbContext db, CancellationToken cancellationToken) =>
        message.Kind == OutboundMessage.TextKind &&
        (message.Channel == ConversationChannel.Whatsapp ||
         (message.Channel is null && message.Recipient is not null && PhoneNumber.TryNormalize(message.Recipient, out _))) &&
        await channels.NumberAsync(db, cancellationToken) is not null;

    public async Task<SendOutcome> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var services = delivery.Services;
        var message = delivery.Message;
        var setup = await services.GetRequiredService<WhatsAppChannels>().SetupAsync(cancellationToken);
        if (setup is null)
        {
            return new SendOutcome.Failed("The tenant has no WhatsApp number with an access token configured.");
        }
        var db = services.GetRequiredService<AppDbContext>();
        var (to, insideWindow) = await RecipientAsync(message, db, cancellationToken);
        if (to is null)
        {
            return new SendOutcome.Failed("The recipient has no WhatsApp number or user id.");
        }
        var graph = services.GetRequiredService<WhatsAppGraphClient>();
        var phoneNumberId = setup.Channel.PhoneNumberId;
        if (!insideWindow)
        {
            return await SendTemplateAsync(setup, graph, to, message.Text, cancellationToken);
        }
        var parts = MessageSplitter.Split(message.Text);
        var (done, firstId) = PartsProgress.Parse(delivery.Progress);
        for (var i = done; i < parts.Count; i++)
        {
            var result = await graph.SendTextAsync(phoneNumberId, setup.AccessToken, to, parts[i], cancellationToken);
            if (!result.Accepted)
            {
                if (i == 0 && result.ErrorCode == GraphResult.OutsideWindowCode)
                {
                    // Meta knows the window better than our records (a message on another device, a clock): use the template.
                    return await SendTemplateAsync(setup, graph, to, message.Text, cancellationToken);
                }
                return result.Retryable
                    ? new SendOutcome.Retry(result.Error ?? "the Graph API asked to retry", result.RetryAfter)
                    : new SendOutcome.Failed(result.Error ?? "the Graph API refused the message");
            }
            firstId ??= result.MessageId;
            if (i < parts.Count - 1)
            {
                // The customer has this part: whatever happens next, the next attempt starts after it.
                await delivery.SaveProgressAsync(PartsProgress.Format(i + 1, firstId), CancellationToken.None);
            }
        }
        return new SendOutcome.Sent(firstId);
    }

    private static async Task<SendOutcome> SendTemplateAsync(WhatsAppSetup setup, WhatsAppGraphClient graph, string to, string text, CancellationToken cancellationToken)
    {
        if (setup.ReminderTemplate is not { } template)
        {
            return new SendOutcome.Failed(
                "Outside WhatsApp's 24-hour customer-service window only an approved template can be sent, and the tenant has no reminder_template configured.");
        }
        var result = await graph.SendTemplateAsync(setup.Channel.PhoneNumberId, setup.AccessToken, to, template, text, cancellationToken);
        return result.Accepted ? new SendOutcome.Sent(result.MessageId)
            : result.Retryable ? new SendOutcome.Retry(result.Error ?? "the Graph API asked to retry", result.RetryAfter)
            : new SendOutcome.Failed(result.Error ?? "the Graph API refused the template");
    }

    /// <summary>
    /// Whom to send to — the phone, or the user id of a contact known only by username — and whether that contact wrote
    /// to the tenant on WhatsApp within the last 24 hours (no known contact: outside), read together.
    /// </summary>
    private async Task<(string? To, bool InsideWindow)> RecipientAsync(OutboundMessage message, AppDbContext db, CancellationToken cancellationToken)
    {
        IQueryable<Contact> contacts;
        string? phone = null;
        if (message.ConversationId is { } conversationId)
        {
            contacts = db.Conversations.Where(c => c.Id == conversationId).Join(db.Contacts, c => c.ContactId, k => k.Id, (c, k) => k);
        }
        else if (message.Recipient is not null && PhoneNumber.TryNormalize(message.Recipient, out var normalized))
        {
            phone = normalized;
            contacts = db.Contacts.Where(c => c.Phone == normalized);
        }
        else
        {
            return (null, false);
        }
        var since = time.GetUtcNow().UtcDateTime - CustomerServiceWindow;
        var contact = await contacts.AsNoTracking()
            .Select(k => new
            {
                k.Phone,
                k.ExternalRef,
                InsideWindow = db.ConversationMessages.Any(m =>
                    m.Channel == ConversationChannel.Whatsapp && m.Role == MessageRole.User && m.CreatedAt > since &&
                    db.Conversations.Any(c => c.Id == m.ConversationId && c.ContactId == k.Id)),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (phone is not null || contact is null)
        {
            return (phone ?? message.Recipient, contact?.InsideWindow ?? false);
        }
        var userId = contact.ExternalRef is { } reference && reference.StartsWith(WhatsAppInboxHandler.ExternalRefPrefix, StringComparison.Ordinal)
            ? reference[WhatsAppInboxHandler.ExternalRefPrefix.Length..]
            : null;
        return (message.Recipient ?? contact.Phone ?? userId, contact.InsideWindow);
    }
}
