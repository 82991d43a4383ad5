namespace Conversa.Core.Tenancy;

/// <summary>Who is calling and for which tenant, resolved once per request or job and never changed.</summary>
public sealed record TenantContext(
    Guid? TenantId,
    string? TenantSlug,
    CallerKind Caller,
    Guid? UserId,
    string? Role,
    Guid? ApiKeyId = null)
{
    public static readonly TenantContext Anonymous = new(null, null, CallerKind.Anonymous, null, null);

    public bool HasTenant => TenantId is not null;
    public bool IsSuperadmin => Role == Roles.Superadmin;

    /// <summary>A context for background work or platform administration inside one tenant.</summary>
    public static TenantContext ForSystem(Guid tenantId, string? slug) =>
        new(tenantId, slug, CallerKind.System, null, Roles.Admin);
}

public enum CallerKind
{
    Anonymous,
    User,
    SecretKey,
    PublicKey,
    Channel,
    System,
}
