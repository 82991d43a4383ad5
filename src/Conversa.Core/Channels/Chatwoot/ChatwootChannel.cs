using Conversa.Core.Tenancy;

namespace Conversa.Core.Channels.Chatwoot;

/// <summary>
/// A tenant's Chatwoot connection: which install (<see cref="BaseUrl"/>), which account, and optionally which inbox
/// of it the tenant's assistant answers. The access token and webhook secret live encrypted in the tenant's secrets
/// (<see cref="ApiAccessTokenSecret"/>, <see cref="WebhookSecretName"/>). <see cref="RoutingKey"/> is unique per install
/// (<see cref="BaseUrl"/>, kept normalised by <see cref="ChatwootBaseUrl"/>): one install's (account, inbox) belongs to
/// one tenant, while self-hosted installs each have their own account 1. A webhook names only the account and inbox,
/// so on the platform URL an (account, inbox) held on several installs cannot be routed; the tenant URL can.
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
