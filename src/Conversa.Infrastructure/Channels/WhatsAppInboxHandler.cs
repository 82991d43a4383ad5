using System.Text.Json.Nodes;
using Conversa.Core.Channels;
using Conversa.Core.Contacts;
using Conversa.Core.Conversations;
using Conversa.Core.Language;
using Conversa.Infrastructure.Billing.Usage;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Models;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Personal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Channels;

/// <summary>
/// Processes stored WhatsApp webhook items in their tenant's scope. A message finds (or makes) its contact — by phone
/// when WhatsApp gives one, else as <c>whatsapp:{user id}</c> — and goes to <see cref="ChatEngine"/> like any other
/// channel's, keyed by its <c>wamid</c> so a second processing answers nothing new; a staff user's linked phone reaches
/// their personal assistant. Voice notes are transcribed and images described by the tenant's models when it has
/// them (and AI tokens left this month), else answered politely; over the month's messages they are not read at all and
/// the engine answers them with the quota reply. A status report moves the delivery status of the message it names.
/// </summary>
public sealed class WhatsAppInboxHandler(ILogger<WhatsAppInboxHandler> logger) : IInboxHandler
{
    public const string ChannelName = "whatsapp";

    public string Channel => ChannelName;

    public Task HandleAsync(InboxItem item, IServiceProvider tenantServices, CancellationToken cancellationToken) => item.Kind switch
    {
        WhatsAppUpdate.MessageKind => HandleMessageAsync(item, tenantServices, cancellationToken),
        WhatsAppUpdate.StatusKind => HandleStatusAsync(item, tenantServices, cancellationToken),
        _ => Skip(item, "it is of no kind this channel knows"),
    };

    /// <summary>A customer's messages in order (by sender), and a message's statuses in order (by recipient).</summary>
    public string? OrderKey(InboxItem item) => item.Kind switch
    {
        WhatsAppUpdate.MessageKind => WhatsAppWebhook.ReadMessage(item.Payload)?.From,
        WhatsAppUpdate.StatusKind => WhatsAppWebhook.ReadStatus(item.Payload)?.RecipientId,
        _ => null,
    };

    private async Task HandleMessageAsync(InboxItem item, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (WhatsAppWebhook.ReadMessage(item.Payload) is not { } inbound)
        {
            await Skip(item, "it names no sender");
            return;
        }
        if (inbound.Kind == WhatsAppMessageKind.Ignored)
        {
            return;
        }
        if (await services.GetRequiredService<WhatsAppChannels>().CurrentAsync(cancellationToken) is not { } channel)
        {
            await Skip(item, "the tenant no longer has a WhatsApp number");
            return;
        }
        var (key, contact) = await KeyAsync(inbound, services, cancellationToken);
        var metadata = new JsonObject { ["whatsapp_type"] = inbound.Type, ["phone_number_id"] = inbound.PhoneNumberId };
        var (text, fixedReply) = await ReadAsync(inbound, channel, metadata, services, cancellationToken);
        if (text is not null)
        {
            await services.GetRequiredService<ChatEngine>().HandleAsync(
                new IncomingMessage(key, text, inbound.Id, metadata) { Contact = contact }, cancellationToken);
            return;
        }
        await AnswerFixedAsync(key, inbound, fixedReply!.Value, metadata, services, cancellationToken);
    }

    /// <summary>The conversation: the sender's contact (also returned), with the personal assistant when the phone is a staff user's linked one.</summary>
    private static async Task<(ConversationKey, Contact)> KeyAsync(WhatsAppInbound inbound, IServiceProvider services, CancellationToken cancellationToken)
    {
        var contacts = services.GetRequiredService<CustomerContacts>();
        if (inbound.Phone is { } phone)
        {
            var contact = await contacts.FindOrCreateAsync(new CustomerInput(inbound.Name ?? phone, phone, null), cancellationToken);
            var userId = await services.GetRequiredService<PersonalAgenda>().FindUserByPhoneAsync(phone, cancellationToken);
            return (userId is { } user
                ? new ConversationKey(contact.Id, ConversationChannel.Whatsapp, ConversationAssistant.Personal, user)
                : new ConversationKey(contact.Id, ConversationChannel.Whatsapp), contact);
        }
        var byRef = await contacts.FindOrCreateByRefAsync(ExternalRefPrefix + (inbound.UserId ?? inbound.From), inbound.Name ?? inbound.Username, cancellationToken);
        return (new ConversationKey(byRef.Id, ConversationChannel.Whatsapp), byRef);
    }

    /// <summary>How a contact without a phone is known: <c>whatsapp:{user id}</c>; the sender answers to the id.</summary>
    public const string ExternalRefPrefix = "whatsapp:";

    /// <summary>The text the assistant answers, or the fixed reply when there is none it can read.</summary>
    private async Task<(string? Text, Localized? Fixed)> ReadAsync(
        WhatsAppInbound inbound, WhatsAppChannel channel, JsonObject metadata, IServiceProvider services, CancellationToken cancellationToken)
    {
        switch (inbound.Kind)
        {
            case WhatsAppMessageKind.Text or WhatsAppMessageKind.Choice:
                return (inbound.Text, null);
            case WhatsAppMessageKind.Audio:
                metadata["media"] = "voice";
                if (await UnreadableNowAsync(inbound, services, cancellationToken) is { } refusedAudio)
                {
                    return refusedAudio.OverTokens is null ? (Placeholder(inbound), null) : (null, WhatsAppReplies.VoiceNote);
                }
                var audio = await DownloadAsync(inbound, channel, services, cancellationToken);
                if (audio is null)
                {
                    return (null, WhatsAppReplies.VoiceNote);
                }
                metadata["media_type"] = audio.MediaType;
                await using (var stream = new MemoryStream(audio.Bytes!))
                {
                    var transcript = await services.GetRequiredService<VoiceTranscriber>().TranscribeAsync(stream, "voice" + Extension(audio.MediaType), cancellationToken);
                    if (transcript.Text is { } heard)
                    {
                        metadata["transcript"] = heard;
                        return (heard, null);
                    }
                    logger.LogInformation("WhatsApp voice note {MessageId} not transcribed: {Reason}", inbound.Id, transcript.Unavailable ?? transcript.Failure);
                }
                return (null, WhatsAppReplies.VoiceNote);
            case WhatsAppMessageKind.Image:
                metadata["media"] = "image";
                if (await UnreadableNowAsync(inbound, services, cancellationToken) is { } refusedImage)
                {
                    return refusedImage.OverTokens is null ? (Placeholder(inbound), null) : (null, WhatsAppReplies.Image);
                }
                var image = await DownloadAsync(inbound, channel, services, cancellationToken);
                if (image is not null)
                {
                    metadata["media_type"] = image.MediaType;
                    var described = await services.GetRequiredService<ImageDescriber>().DescribeAsync(
                        image.Bytes, image.MediaType ?? inbound.Media?.MimeType ?? "image/jpeg", inbound.Text, cancellationToken);
                    if (described.Text is { } description)
                    {
                        metadata["description"] = description;
                        return (inbound.Text is null ? description : $"{inbound.Text}\n\n{description}", null);
                    }
                    logger.LogInformation("WhatsApp image {MessageId} not described: {Reason}", inbound.Id, described.Unavailable ?? described.Failure);
                }
                return (null, WhatsAppReplies.Image);
            default:
                return (null, WhatsAppReplies.Unsupported);
        }
    }

    /// <summary>
    /// Why no model may read the media now (a monthly limit), logged; null when one may. Over the messages the engine
    /// still answers a placeholder, with the quota reply.
    /// </summary>
    private async Task<MediaRefusal?> UnreadableNowAsync(WhatsAppInbound inbound, IServiceProvider services, CancellationToken cancellationToken)
    {
        var refusal = await services.GetRequiredService<MediaLimits>().RefusalAsync(cancellationToken);
        if (refusal is not null)
        {
            logger.LogInformation("WhatsApp {Type} {MessageId} not read: the month's {Limit} are used up",
                inbound.Type, inbound.Id, refusal.OverTokens is null ? "messages" : "AI tokens");
        }
        return refusal;
    }

    /// <summary>What is stored for media nobody read: its type, and the caption sent with it.</summary>
    private static string Placeholder(WhatsAppInbound inbound) => inbound.Text is { } text ? $"[{inbound.Type}] {text}" : $"[{inbound.Type}]";

    /// <summary>
    /// The media's bytes, or null — without asking Meta (or decrypting the access token) when no model could read it
    /// anyway, so a tenant without speech or vision costs no downloads.
    /// </summary>
    private async Task<MediaDownload?> DownloadAsync(WhatsAppInbound inbound, WhatsAppChannel channel, IServiceProvider services, CancellationToken cancellationToken)
    {
        var access = await services.GetRequiredService<ChatModels>().AccessAsync(
            services.GetRequiredService<AppDbContext>(), services.GetRequiredService<Security.TenantSecretStore>(), cancellationToken);
        var readable = inbound.Kind == WhatsAppMessageKind.Audio
            ? access.Provider == "openai" && access.TranscriptionModel is not null && access.Unusable is null
            : access.Provider is not (null or "builtin") && access.Unusable is null;
        if (!readable || inbound.Media is not { } media ||
            await services.GetRequiredService<WhatsAppChannels>().SecretAsync(WhatsAppChannel.AccessTokenSecret, cancellationToken) is not { } token)
        {
            return null;
        }
        var download = await services.GetRequiredService<WhatsAppGraphClient>()
            .DownloadMediaAsync(media.Id, media.Url, channel.PhoneNumberId, token, cancellationToken);
        if (download.Bytes is null)
        {
            logger.LogWarning("WhatsApp media {MediaId} of message {MessageId} could not be downloaded: {Reason}", media.Id, inbound.Id, download.Failure);
            return null;
        }
        return download;
    }

    /// <summary>Stores what arrived (once per <c>wamid</c>) and sends the fixed reply through the conversation's outbox.</summary>
    private static async Task AnswerFixedAsync(
        ConversationKey key, WhatsAppInbound inbound, Localized reply, JsonObject metadata, IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ConversationStore>();
        var db = services.GetRequiredService<AppDbContext>();
        if (await store.OpenAsync(key, cancellationToken) is not { } opened)
        {
            return;
        }
        var conversation = opened.Conversation;
        var context = await store.LoadContextAsync(conversation.ContactId, cancellationToken);
        var tenantId = db.CurrentTenantId;
        var language = context.Language ?? SupportedLanguages.Normalize(
            await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Language).FirstAsync(cancellationToken));
        if (inbound.Text is { } caption)
        {
            language = LanguageDetector.Detect(caption, language).Language;
        }
        var stored = await store.AppendAsync(conversation.Id, NewMessage.FromUser(Placeholder(inbound), inbound.Id, language, metadata), cancellationToken);
        if (stored is null || stored.Duplicate || conversation.IsHandedOff)
        {
            return;
        }
        await store.SendAsync(conversation.Id, new NewMessage(MessageRole.Assistant, reply.In(language), AgentNames.Router, Language: language), cancellationToken);
    }

    private static async Task HandleStatusAsync(InboxItem item, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (WhatsAppWebhook.ReadStatus(item.Payload) is not { } report || Status(report.Status) is not { } status)
        {
            return;
        }
        var store = services.GetRequiredService<ConversationStore>();
        var moved = await store.MarkDeliveryByExternalIdAsync(ConversationChannel.Whatsapp, report.MessageId, status, cancellationToken);
        if (moved && status == DeliveryStatus.Failed && report.Error is { } error)
        {
            var db = services.GetRequiredService<AppDbContext>();
            var message = await db.ConversationMessages.FirstOrDefaultAsync(
                m => m.Channel == ConversationChannel.Whatsapp && m.ExternalId == report.MessageId, cancellationToken);
            if (message is not null)
            {
                var metadata = message.Metadata.DeepClone().AsObject();
                metadata["delivery_error"] = error;
                message.Metadata = metadata;
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    private static DeliveryStatus? Status(string status) => status switch
    {
        "sent" => DeliveryStatus.Sent,
        "delivered" => DeliveryStatus.Delivered,
        "read" => DeliveryStatus.Read,
        "failed" => DeliveryStatus.Failed,
        _ => null,
    };

    private static string Extension(string? mediaType) => mediaType?.Split(';')[0].Trim() switch
    {
        "audio/ogg" or "audio/opus" => ".ogg",
        "audio/mpeg" => ".mp3",
        "audio/mp4" or "audio/aac" => ".m4a",
        "audio/amr" => ".amr",
        _ => ".ogg",
    };

    private Task Skip(InboxItem item, string why)
    {
        logger.LogInformation("WhatsApp item {Key} not processed: {Reason}", item.Key, why);
        return Task.CompletedTask;
    }
}
