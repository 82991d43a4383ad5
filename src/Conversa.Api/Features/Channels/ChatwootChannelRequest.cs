using Conversa.Api.Hosting;
using Conversa.Core.Channels.Chatwoot;

namespace Conversa.Api.Features.Channels;

/// <summary>
/// <c>PUT /api/channels/chatwoot</c>. A secret left out keeps the stored one; <c>webhook_secret: ""</c> removes the
/// webhook secret (the webhook is then accepted unsigned, as older Chatwoot installs send it).
/// </summary>
public sealed record ChatwootChannelRequest(string? BaseUrl, long? AccountId, long? InboxId, string? ApiAccessToken, string? WebhookSecret) : IValidatable
{
    public const int MaxSecretLength = 1000;

    public void Validate(ValidationErrors errors)
    {
        errors.Required("base_url", BaseUrl);
        if (!string.IsNullOrWhiteSpace(BaseUrl))
        {
            var url = BaseUrl.Trim();
            errors.When(url.Length > ChatwootChannel.MaxBaseUrlLength, "base_url", $"base_url is at most {ChatwootChannel.MaxBaseUrlLength} characters.");
            errors.When(!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment),
                "base_url", "base_url must be the absolute http(s) address of the Chatwoot install, e.g. https://chatwoot.example.com.");
        }
        errors.When(AccountId is null, "account_id", "account_id is required: the Chatwoot account's number.");
        errors.When(AccountId <= 0, "account_id", "account_id must be a positive number.");
        errors.When(InboxId <= 0, "inbox_id", "inbox_id must be a positive number (leave it out to answer every inbox of the account).");
        errors.When(ApiAccessToken is not null && string.IsNullOrWhiteSpace(ApiAccessToken), "api_access_token",
            "api_access_token must not be blank (leave it out to keep the stored one).");
        errors.When(ApiAccessToken?.Trim().Length > MaxSecretLength, "api_access_token", $"api_access_token is at most {MaxSecretLength} characters.");
        errors.When(WebhookSecret?.Trim().Length > MaxSecretLength, "webhook_secret", $"webhook_secret is at most {MaxSecretLength} characters.");
    }

    /// <summary>The install's one spelling (<see cref="ChatwootBaseUrl"/>), without a trailing slash so API paths can be appended.</summary>
    public string NormalizedBaseUrl => ChatwootBaseUrl.Normalize(BaseUrl!);
}
