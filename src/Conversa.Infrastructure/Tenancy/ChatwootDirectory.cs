using Conversa.Core.Channels.Chatwoot;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Finds the tenant a Chatwoot webhook on the platform URL is for before any tenant is known: by the payload's
/// <c>account.id</c> and <c>inbox.id</c>, which say nothing of the install that sent it. When every channel holding
/// them is on one install, a configuration for that inbox wins over an account-wide one; when they are on several
/// installs the delivery is <see cref="ChatwootRoute.Ambiguous"/> and goes nowhere (those tenants use their tenant URL).
/// Also answers whether another tenant holds an install's (account, inbox) already, which configuring it must refuse
/// (read from the database, never cached). Webhook look-ups are cached briefly per node (unknown accounts too); any
/// Chatwoot channel saved or removed on this node clears them at once (an inbox-specific configuration changes where an
/// account-wide one's webhooks go), other nodes see a change within <see cref="CacheLifetime"/>.
/// </summary>
public sealed class ChatwootDirectory(CredentialStore unscoped) : IDisposable
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private long _changes;

    public async Task<ChatwootRoute> FindTenantAsync(long accountId, long? inboxId, CancellationToken cancellationToken = default)
    {
        var key = (accountId, inboxId);
        if (_cache.TryGetValue(key, out ChatwootRoute? cached) && cached is not null)
        {
            return cached;
        }
        var changesBefore = Interlocked.Read(ref _changes);
        var found = await LookUpAsync(accountId, inboxId, cancellationToken);
        _cache.Set(key, found, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheLifetime });
        if (Interlocked.Read(ref _changes) != changesBefore)
        {
            // A channel changed while we read: the answer may be stale, so do not keep it.
            _cache.Remove(key);
        }
        return found;
    }

    /// <summary>
    /// Whether a tenant other than <paramref name="tenantId"/> configured exactly this account and inbox on the same
    /// install. Installs are compared normalised, so a row saved before base URLs were normalised still counts.
    /// </summary>
    public async Task<bool> HeldByAnotherTenantAsync(Guid tenantId, string baseUrl, long accountId, long? inboxId, CancellationToken cancellationToken = default)
    {
        var key = ChatwootChannel.RoutingKeyOf(accountId, inboxId);
        var installs = await unscoped.RunUnscopedAsync(db => db.ChatwootChannels.IgnoreQueryFilters()
            .Where(c => c.RoutingKey == key && c.TenantId != tenantId)
            .Select(c => c.BaseUrl)
            .ToListAsync(cancellationToken));
        return installs.Any(install => ChatwootBaseUrl.SameInstall(install, baseUrl));
    }

    /// <summary>Forgets every cached look-up; call after a Chatwoot channel was saved or removed (or a tenant with one deleted).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _changes);
        _cache.Clear();
    }

    public void Dispose() => _cache.Dispose();

    private Task<ChatwootRoute> LookUpAsync(long accountId, long? inboxId, CancellationToken cancellationToken)
    {
        var accountWide = ChatwootChannel.RoutingKeyOf(accountId, null);
        var forInbox = inboxId is { } inbox ? ChatwootChannel.RoutingKeyOf(accountId, inbox) : accountWide;
        return unscoped.RunUnscopedAsync(async db =>
        {
            var matches = await db.ChatwootChannels.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.RoutingKey == forInbox || c.RoutingKey == accountWide)
                .Select(c => new { c.TenantId, c.RoutingKey, c.BaseUrl })
                .ToListAsync(cancellationToken);
            if (matches.Count == 0)
            {
                return ChatwootRoute.Unknown;
            }
            if (matches.Select(m => ChatwootBaseUrl.Normalize(m.BaseUrl)).Distinct(StringComparer.Ordinal).Skip(1).Any())
            {
                return ChatwootRoute.SeveralInstalls;
            }
            return ChatwootRoute.To((matches.FirstOrDefault(m => m.RoutingKey == forInbox) ?? matches[0]).TenantId);
        });
    }
}
