using Conversa.Core.Identity;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// The lookups that must run before a tenant is known: an API key by its hash, a user by email.
/// They are the only reads across tenants outside platform administration, and they live here,
/// next to the filters they bypass. API keys are cached per node; revoking evicts at once.
/// </summary>
public sealed class CredentialStore(IServiceScopeFactory scopes) : IDisposable
{
    private static readonly TimeSpan KeyCacheLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MissCacheLifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan UserCacheLifetime = TimeSpan.FromSeconds(30);
    private readonly MemoryCache _keys = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private readonly MemoryCache _users = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    public async ValueTask<ApiKeyInfo?> FindApiKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        var hash = ApiKeyFormat.Hash(key);
        if (_keys.TryGetValue(hash, out ApiKeyInfo? cached))
        {
            return cached;
        }
        var found = await RunUnscopedAsync(async db =>
        {
            var row = await db.ApiKeys.IgnoreQueryFilters()
                .Where(k => k.KeyHash == hash && k.RevokedAt == null)
                .Select(k => new ApiKeyInfo(k.Id, k.TenantId, k.Kind, k.AllowedOrigins, k.RateLimitPerMinute))
                .FirstOrDefaultAsync(cancellationToken);
            if (row is not null)
            {
                // Written once per cache lifetime, so last_used_at is accurate to a few minutes without a write per request.
                await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == row.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, DateTime.UtcNow), cancellationToken);
            }
            return row;
        });
        // Misses are remembered briefly too, so a flood of made-up keys does not become a flood of queries.
        // A new key cannot have been looked up before it existed, so this never hides a real key.
        _keys.Set(hash, found, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = found is null ? MissCacheLifetime : KeyCacheLifetime,
        });
        return found;
    }

    /// <summary>Forgets a cached key so its revocation applies to the next request on this node.</summary>
    public void EvictApiKey(string keyHash) => _keys.Remove(keyHash);

    /// <summary>Whether a token's user still exists; cached briefly, evicted when the user is deleted.</summary>
    public async ValueTask<bool> UserExistsAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (_users.TryGetValue(userId, out bool exists))
        {
            return exists;
        }
        exists = await RunUnscopedAsync(db => db.Users.IgnoreQueryFilters().AnyAsync(u => u.Id == userId, cancellationToken));
        _users.Set(userId, exists, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = UserCacheLifetime });
        return exists;
    }

    public void EvictUser(Guid userId) => _users.Remove(userId);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeEmail(email);
        return RunUnscopedAsync(db => db.Users.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(u => u.Email == normalized, cancellationToken));
    }

    public Task<bool> EmailInUseAsync(string email, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeEmail(email);
        return RunUnscopedAsync(async db =>
            await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == normalized, cancellationToken) ||
            await db.PlatformAdmins.AnyAsync(a => a.Email == normalized, cancellationToken));
    }

    public Task<bool> KeyHashInUseAsync(string keyHash, CancellationToken cancellationToken = default) =>
        RunUnscopedAsync(db => db.ApiKeys.IgnoreQueryFilters().AnyAsync(k => k.KeyHash == keyHash, cancellationToken));

    /// <summary>Marks a successful sign-in without needing the tenant scope.</summary>
    public Task RecordLoginAsync(Guid userId, CancellationToken cancellationToken = default) =>
        RunUnscopedAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastLoginAt, DateTime.UtcNow), cancellationToken));

    public void Dispose()
    {
        _keys.Dispose();
        _users.Dispose();
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    internal async Task<T> RunUnscopedAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed record ApiKeyInfo(Guid Id, Guid TenantId, ApiKeyKind Kind, List<string> AllowedOrigins, int? RateLimitPerMinute);
