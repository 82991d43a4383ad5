using Conversa.Core.Tenancy;

namespace Conversa.Core.Channels.Chatwoot;

/// <summary>
/// A tenant's Chatwoot connection: which install (<see cref="BaseUrl"/>), which account, and optionally which inbox
/// of it the tenant's assistant answers. The access token and webhook secret live encrypted in the tenant's secrets
/// (<see cref="ApiAccessTokenSecret"/>, <see cref="WebhookSecretName"/>). <see cref="RoutingKey"/> is unique across the
/// platform, because a webhook names only the account and inbox: one (account, inbox) belongs to one tenant.
/// </summary>
public sealed class ChatwootChannel : ITenantOwned
{
    public const string ApiAccessTokenSecret = "chatwoot.api_access_token";
    public const string WebhookSecretName = "chatwoot.webhook_secret";
    public const int MaxBaseUrlLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string BaseUrl { get; set; } = "";
    public long AccountId { get; set; }
    /// <summary>Null: every inbox of the account (an inbox-specific configuration of another tenant still wins for its inbox).</summary>
    public long? InboxId { get; set; }
    public string RoutingKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary><c>{account}</c> for an account-wide configuration, <c>{account}:{inbox}</c> for one inbox.</summary>
    public static string RoutingKeyOf(long accountId, long? inboxId) => inboxId is { } inbox ? $"{accountId}:{inbox}" : $"{accountId}";
}
