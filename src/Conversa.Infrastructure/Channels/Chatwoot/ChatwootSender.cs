using Conversa.Core.Channels.Chatwoot;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Channels.Chatwoot;

/// <summary>
/// Delivers the outbox rows of Chatwoot conversations: a <c>text</c> message as a reply in the conversation, a
/// <c>handoff</c> as <c>toggle_status open</c> (the account's agents see it). Messages without a Chatwoot thread
/// (reminders, staff notices) are not Chatwoot's: Chatwoot cannot start a conversation on its own.
/// </summary>
public sealed class ChatwootSender : IChannelSender
{
    public string Channel => ChatwootInboxHandler.ChannelName;

    public ValueTask<bool> HandlesAsync(OutboundMessage message, AppDbContext db, CancellationToken cancellationToken) =>
        ValueTask.FromResult(message.Channel == ConversationChannel.Chatwoot && !string.IsNullOrWhiteSpace(message.ThreadId));

    public async Task<SendOutcome> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        if (string.IsNullOrWhiteSpace(message.ThreadId))
        {
            return new SendOutcome.Failed("The message names no Chatwoot conversation.");
        }
        var services = delivery.Services;
        var config = await services.GetRequiredService<AppDbContext>().ChatwootChannels.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var token = config is null ? null : await services.GetRequiredService<TenantSecretStore>().GetAsync(ChatwootChannel.ApiAccessTokenSecret, cancellationToken);
        if (config is null || token is null)
        {
            return new SendOutcome.Failed("The tenant has no Chatwoot channel configured (PUT /api/channels/chatwoot).");
        }
        var target = new ChatwootTarget(config.BaseUrl, config.AccountId, token);
        var client = services.GetRequiredService<ChatwootClient>();
        var result = message.Kind == OutboundMessage.HandoffKind
            ? await client.OpenConversationAsync(target, message.ThreadId, cancellationToken)
            : await client.SendMessageAsync(target, message.ThreadId, message.Text, cancellationToken);
        return result.Status switch
        {
            // A handoff creates no message: its provider id would be the status, not an id to record.
            ChatwootCallStatus.Sent => new SendOutcome.Sent(message.Kind == OutboundMessage.HandoffKind ? null : result.ProviderId),
            ChatwootCallStatus.Retry => new SendOutcome.Retry(result.Error ?? "Chatwoot is unavailable.", result.RetryAfter),
            _ => new SendOutcome.Failed(result.Error ?? "Chatwoot refused the request."),
        };
    }
}
