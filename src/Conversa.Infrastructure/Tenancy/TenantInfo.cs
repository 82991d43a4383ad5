using Conversa.Core.Tenancy;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>What resolution needs to know about a tenant, cached per node.</summary>
public sealed record TenantInfo(Guid Id, string Slug, string Name, TenantStatus Status, string Plan, string Timezone, string Language)
{
    public bool IsActive => Status == TenantStatus.Active;

    public static TenantInfo From(Tenant t) => new(t.Id, t.Slug, t.Name, t.Status, t.Plan, t.Timezone, t.Language);
}
