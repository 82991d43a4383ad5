using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>Per-tenant counts for platform health pages, read across tenants in one query per table.</summary>
public sealed class TenantStatistics(CredentialStore unscoped)
{
    public Task<Dictionary<Guid, TenantCounts>> CountAllAsync(CancellationToken cancellationToken = default) =>
        unscoped.RunUnscopedAsync(async db =>
        {
            var users = await db.Users.IgnoreQueryFilters().GroupBy(u => u.TenantId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var keys = await db.ApiKeys.IgnoreQueryFilters().Where(k => k.RevokedAt == null).GroupBy(k => k.TenantId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var documents = await db.Documents.IgnoreQueryFilters().GroupBy(d => d.TenantId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            return users.Keys.Union(keys.Keys).Union(documents.Keys).ToDictionary(
                id => id, id => new TenantCounts(users.GetValueOrDefault(id), keys.GetValueOrDefault(id), documents.GetValueOrDefault(id)));
        });

    public static async Task<TenantCounts> CountAsync(AppDbContext tenantScoped, CancellationToken cancellationToken = default) =>
        new(await tenantScoped.Users.CountAsync(cancellationToken),
            await tenantScoped.ApiKeys.CountAsync(k => k.RevokedAt == null, cancellationToken),
            await tenantScoped.Documents.CountAsync(cancellationToken));
}

/// <summary>What a tenant holds; later features add their counts here.</summary>
public sealed record TenantCounts(int Users, int ApiKeys, int Documents = 0);
