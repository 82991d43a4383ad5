using Microsoft.Extensions.Caching.Memory;

namespace Conversa.Infrastructure.Channels;

/// <summary>
/// What a channel's webhooks are checked against, kept briefly per node by tenant id (null values too). A change on
/// this node is forgotten at once with <see cref="Invalidate"/>, and a read racing the change does not put the old
/// value back; other nodes see a change within <see cref="Lifetime"/>.
/// </summary>
public sealed class ChannelSettingsCache<T> : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private long _changes;

    /// <summary>The tenant's cached value, or what <paramref name="load"/> reads when there is none.</summary>
    public async ValueTask<T> GetAsync(Guid tenantId, Func<Task<T>> load)
    {
        if (_cache.TryGetValue(tenantId, out Entry? cached))
        {
            return cached!.Value;
        }
        var changesBefore = Interlocked.Read(ref _changes);
        var value = await load();
        _cache.Set(tenantId, new Entry(value), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        if (Interlocked.Read(ref _changes) != changesBefore)
        {
            // A channel changed while we read: what we read may be the old value, so do not keep it.
            _cache.Remove(tenantId);
        }
        return value;
    }

    /// <summary>Forgets the tenant's value; call after the change is committed.</summary>
    public void Invalidate(Guid tenantId)
    {
        Interlocked.Increment(ref _changes);
        _cache.Remove(tenantId);
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry(T Value);
}
