using System.Collections.Concurrent;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Finds tenants by id or slug. Entries are loaded on first use and dropped when a tenant changes,
/// so resolving any of ten thousand tenants costs a dictionary lookup. Misses are not cached.
/// </summary>
public sealed class TenantDirectory(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<Guid, TenantInfo> _byId = new();
    private readonly ConcurrentDictionary<string, TenantInfo> _bySlug = new(StringComparer.Ordinal);

    public int CachedCount => _byId.Count;

    /// <summary>A tenant by id or by slug, as <c>{tenant}</c> in routes allows both.</summary>
    public ValueTask<TenantInfo?> FindAsync(string idOrSlug, CancellationToken cancellationToken = default) =>
        Guid.TryParse(idOrSlug, out var id) ? FindAsync(id, cancellationToken) : FindBySlugAsync(idOrSlug, cancellationToken);

    public async ValueTask<TenantInfo?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (_byId.TryGetValue(id, out var cached))
        {
            return cached;
        }
        return Remember(await LoadAsync(q => q.Where(t => t.Id == id), cancellationToken));
    }

    public async ValueTask<TenantInfo?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default)
    {
        slug = slug.Trim().ToLowerInvariant();
        if (_bySlug.TryGetValue(slug, out var cached))
        {
            return cached;
        }
        return Remember(await LoadAsync(q => q.Where(t => t.Slug == slug), cancellationToken));
    }

    public void Invalidate(Guid id)
    {
        if (_byId.TryRemove(id, out var old))
        {
            _bySlug.TryRemove(old.Slug, out _);
        }
    }

    private TenantInfo? Remember(TenantInfo? info)
    {
        if (info is not null)
        {
            _byId[info.Id] = info;
            _bySlug[info.Slug] = info;
        }
        return info;
    }

    private async Task<TenantInfo?> LoadAsync(
        Func<IQueryable<Core.Tenancy.Tenant>, IQueryable<Core.Tenancy.Tenant>> query, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenant = await query(db.Tenants.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        return tenant is null ? null : TenantInfo.From(tenant);
    }
}
