using Conversa.Core.Channels.Chatwoot;

namespace Conversa.Api.Features.Channels;

/// <summary>A tenant's Chatwoot connection as the API shows it: whether each secret is set, never the secrets.</summary>
public sealed record ChatwootChannelView(
    string BaseUrl, long AccountId, long? InboxId, bool ApiAccessTokenSet, bool WebhookSecretSet, string WebhookPath,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ChatwootChannelView From(ChatwootChannel channel, string tenantSlug, IReadOnlySet<string> secretNames) =>
        new(channel.BaseUrl, channel.AccountId, channel.InboxId,
            secretNames.Contains(ChatwootChannel.ApiAccessTokenSecret), secretNames.Contains(ChatwootChannel.WebhookSecretName),
            $"/webhooks/chatwoot/{tenantSlug}", channel.CreatedAt, channel.UpdatedAt);
}
