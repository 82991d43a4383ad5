using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Channels;

/// <summary>
/// The app secret a tenant's WhatsApp webhooks are signed with (null when it has no number or no secret of its own),
/// decrypted once and kept briefly per node, by tenant id: otherwise every delivery to a tenant's URL read the channel
/// and decrypted its three secrets. Saving or removing the channel on this node forgets the entry at once (a read racing
/// the save does not put the old secret back); other nodes see a change within <see cref="CacheLifetime"/>, so on them a
/// replaced secret still verifies until then, as a changed number does in <see cref="WhatsAppNumberDirectory"/>.
/// </summary>
public sealed class WhatsAppAppSecrets(TenantScope scope) : IDisposable
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private long _changes;

    public async ValueTask<string?> GetAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(tenantId, out Entry? cached))
        {
            return cached!.AppSecret;
        }
        var changesBefore = Interlocked.Read(ref _changes);
        var secret = await scope.RunAsync(tenantId,
            async services => (await services.GetRequiredService<WhatsAppChannels>().SetupAsync(cancellationToken))?.AppSecret, cancellationToken);
        _cache.Set(tenantId, new Entry(secret), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheLifetime });
        if (Interlocked.Read(ref _changes) != changesBefore)
        {
            // A channel changed while we read: what we read may be the old secret, so do not keep it.
            _cache.Remove(tenantId);
        }
        return secret;
    }

    /// <summary>Forgets the tenant's secret; call after the change is committed.</summary>
    public void Invalidate(Guid tenantId)
    {
        Interlocked.Increment(ref _changes);
        _cache.Remove(tenantId);
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry(string? AppSecret);
}
