namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Where a platform-URL Chatwoot webhook goes: to <see cref="TenantId"/>, nowhere (no tenant holds the account), or
/// nowhere because it is <see cref="Ambiguous"/> (tenants on several installs hold that account and inbox, and the
/// payload does not say which install sent it).
/// </summary>
public sealed record ChatwootRoute(Guid? TenantId, bool Ambiguous)
{
    public static readonly ChatwootRoute Unknown = new(null, false);
    public static readonly ChatwootRoute SeveralInstalls = new(null, true);

    public static ChatwootRoute To(Guid tenantId) => new(tenantId, false);
}
