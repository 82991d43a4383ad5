using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Core.Channels.Chatwoot;
using Conversa.Core.Contacts;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Channels.Chatwoot;

/// <summary>
/// Answers a stored Chatwoot message inside its tenant's scope: finds the contact (by phone, else as
/// <c>chatwoot:{account}:{contact id}</c>), keys the conversation by the Chatwoot conversation id, and hands the text
/// to <see cref="ChatEngine"/>, whose reply reaches Chatwoot through the outbox and <see cref="ChatwootSender"/>. When
/// Chatwoot says a human has the conversation (<c>open</c>) our conversation is handed off too, so the message is
/// kept and not answered; when Chatwoot gives it back to the bot (<c>pending</c>) after a handoff, the bot answers
/// again. A message with only attachments gets a polite reply that only text is read. Idempotent: the engine skips a
/// message id it stored before.
/// </summary>
public sealed class ChatwootInboxHandler(TenantDirectory tenants, TimeProvider time, ILogger<ChatwootInboxHandler> logger) : IInboxHandler
{
    public const string ChannelName = "chatwoot";
    public const string MessageKind = "message";
    public const string HumanHasItReason = "chatwoot: an agent has the conversation";

    /// <summary>
    /// How long after our own handoff a <c>pending</c> status is taken as Chatwoot not having heard of it yet (the
    /// toggle_status call goes through the outbox) rather than as the conversation given back to the bot.
    /// </summary>
    public static readonly TimeSpan HandoffSettling = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly Localized TextOnly = new(
        "Gracias por tu mensaje. Por ahora solo puedo leer texto: ¿me lo escribes, por favor?",
        "Obrigado pela mensagem. Por enquanto só consigo ler texto: pode me escrever, por favor?",
        "Thanks for your message. For now I can only read text: could you type it, please?");

    public string Channel => ChannelName;

    /// <summary>The inbox key: a message id is unique within one Chatwoot install, and two tenants may use two installs.</summary>
    public static string KeyOf(Guid tenantId, string messageId) => $"msg:{tenantId:N}:{messageId}";

    public static string PayloadOf(long accountId, ChatwootIncoming message) =>
        JsonSerializer.Serialize(new ChatwootInboxPayload(accountId, message), Json);

    /// <summary>A Chatwoot conversation's messages in order.</summary>
    public string? OrderKey(InboxItem item)
    {
        try
        {
            return JsonSerializer.Deserialize<ChatwootInboxPayload>(item.Payload, Json)?.Message?.ConversationId;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task HandleAsync(InboxItem item, IServiceProvider tenantServices, CancellationToken cancellationToken)
    {
        ChatwootInboxPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<ChatwootInboxPayload>(item.Payload, Json);
        }
        catch (JsonException)
        {
            payload = null;
        }
        if (payload?.Message is not { } message)
        {
            // Retrying cannot make an unreadable item readable.
            logger.LogWarning("Chatwoot inbox item {Key} has an unreadable payload; skipped", item.Key);
            return;
        }

        var contact = await ContactAsync(tenantServices.GetRequiredService<CustomerContacts>(), payload.AccountId, message.Sender, cancellationToken);
        var key = new ConversationKey(contact.Id, ConversationChannel.Chatwoot, ExternalId: message.ConversationId);
        var store = tenantServices.GetRequiredService<ConversationStore>();
        var opened = await store.OpenAsync(key, cancellationToken)
            ?? throw new InvalidOperationException($"Contact {contact.Id} vanished while answering Chatwoot message {message.MessageId}.");
        var conversation = opened.Conversation;
        if (message.HumanHasIt && !conversation.IsHandedOff)
        {
            await store.HandOffAsync(conversation.Id, HumanHasItReason, cancellationToken, tellChannel: false);
        }
        else if (IsGivenBackToTheBot(message, conversation))
        {
            await store.HandBackAsync(conversation.Id, cancellationToken);
        }

        var externalId = $"chatwoot:{message.MessageId}";
        var metadata = new JsonObject
        {
            ["chatwoot_message_id"] = message.MessageId,
            ["chatwoot_conversation_id"] = message.ConversationId,
        };
        if (message.Attachments > 0)
        {
            metadata["attachments"] = message.Attachments;
        }
        if (message.Text.Length > 0)
        {
            await tenantServices.GetRequiredService<ChatEngine>().HandleAsync(new IncomingMessage(key, message.Text, externalId, metadata), cancellationToken);
            return;
        }
        await AskForTextAsync(store, conversation.Id, contact.Id, externalId, metadata, item.TenantId, cancellationToken);
    }

    private bool IsGivenBackToTheBot(ChatwootIncoming message, Conversation conversation) =>
        conversation.IsHandedOff &&
        string.Equals(message.ConversationStatus, "pending", StringComparison.OrdinalIgnoreCase) &&
        (conversation.HandoffReason == HumanHasItReason || conversation.HandoffAt is not { } at || time.GetUtcNow().UtcDateTime - at > HandoffSettling);

    private async Task AskForTextAsync(
        ConversationStore store, Guid conversationId, Guid contactId, string externalId, JsonObject metadata, Guid? tenantId, CancellationToken cancellationToken)
    {
        var stored = await store.AppendAsync(conversationId, NewMessage.FromUser("(attachment)", externalId, metadata: metadata), cancellationToken);
        if (stored is null || stored.Duplicate || (await store.FindAsync(conversationId, cancellationToken))?.IsHandedOff != false)
        {
            return;
        }
        var language = (await store.LoadContextAsync(contactId, cancellationToken)).Language
            ?? (tenantId is { } id ? (await tenants.FindAsync(id, cancellationToken))?.Language : null);
        await store.SendAsync(conversationId, new NewMessage(MessageRole.Assistant, TextOnly.In(language), AgentNames.Router, Language: language), cancellationToken);
    }

    /// <summary>By phone when Chatwoot knows one (the same person as on WhatsApp or in a booking), else by Chatwoot's contact id.</summary>
    private static async Task<Contact> ContactAsync(CustomerContacts contacts, long accountId, ChatwootContact sender, CancellationToken cancellationToken)
    {
        var name = sender.Name ?? sender.Phone ?? sender.Email ?? "Chatwoot contact";
        if (PhoneNumber.NormalizeOrNull(sender.Phone) is { } phone)
        {
            return await contacts.FindOrCreateAsync(new CustomerInput(name, phone, sender.Email), cancellationToken);
        }
        var id = sender.Id ?? sender.Identifier ?? sender.Email ?? "unknown";
        var reference = $"chatwoot:{accountId}:{id}";
        return await contacts.FindOrCreateByRefAsync(reference.Length <= Contact.MaxExternalRefLength ? reference : reference[..Contact.MaxExternalRefLength],
            name, cancellationToken);
    }
}

/// <summary>What the webhook stores for <see cref="ChatwootInboxHandler"/>: the account and the message as parsed.</summary>
public sealed record ChatwootInboxPayload(long AccountId, ChatwootIncoming? Message);
