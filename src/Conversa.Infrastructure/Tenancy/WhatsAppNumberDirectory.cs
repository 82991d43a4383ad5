using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Finds the tenant a WhatsApp number (<c>phone_number_id</c>) belongs to before any tenant is known: Meta's webhooks
/// name the number, not the tenant. Answers are cached briefly per node (unknown numbers too, so a flood of webhooks
/// for a number nobody configured costs no queries); a change on this node evicts at once, other nodes see it within
/// <see cref="CacheLifetime"/>.
/// </summary>
public sealed class WhatsAppNumberDirectory(CredentialStore unscoped) : IDisposable
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>The tenant holding the number, or null when no tenant has configured it.</summary>
    public async ValueTask<Guid?> FindTenantAsync(string phoneNumberId, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(phoneNumberId, out Guid? cached))
        {
            return cached;
        }
        var found = await LookUpAsync(phoneNumberId, cancellationToken);
        _cache.Set(phoneNumberId, found, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheLifetime });
        return found;
    }

    /// <summary>The holder read from the database now (for deciding a conflict, where a cached answer could be stale).</summary>
    public Task<Guid?> LookUpAsync(string phoneNumberId, CancellationToken cancellationToken = default) =>
        unscoped.RunUnscopedAsync(db => db.WhatsAppChannels.IgnoreQueryFilters()
            .Where(c => c.PhoneNumberId == phoneNumberId)
            .Select(c => (Guid?)c.TenantId)
            .FirstOrDefaultAsync(cancellationToken));

    public void Invalidate(string phoneNumberId) => _cache.Remove(phoneNumberId);

    public void Dispose() => _cache.Dispose();
}
