namespace Conversa.Infrastructure.Channels.Chatwoot;

/// <summary>Where and as whom to call a tenant's Chatwoot: the install, the account, and the access token.</summary>
public sealed record ChatwootTarget(string BaseUrl, long AccountId, string ApiAccessToken)
{
    public override string ToString() => $"{BaseUrl} account {AccountId}";
}
