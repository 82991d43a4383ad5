using System.Collections.Concurrent;
using Conversa.Infrastructure.Persistence;
using Microsoft.Extensions.Caching.Memory;

namespace Conversa.Infrastructure.Caching;

/// <summary>
/// Per-tenant copies of what every chat turn reads and what rarely changes: the assistant profile, the catalog, what
/// can be booked. A copy is read through the scope's <see cref="AppDbContext"/> (its tenant filter and, on PostgreSQL,
/// row-level security), kept under that tenant's id, and never filled from a context that bypasses tenancy. On this
/// node a save that touches the tenant's watched tables drops its copies when it commits
/// (<see cref="TenantCacheInvalidation"/>); a change made on another node is seen after <see cref="Lifetime"/> at the
/// latest. Bounded: entries are sized by rows and the least recently used go first past <see cref="SizeLimit"/>.
/// Cached values are shared by concurrent turns and must not be changed by their readers.
/// </summary>
public sealed class TenantReadCache(TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);
    public const long SizeLimit = 100_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = SizeLimit, CompactionPercentage = 0.25 });
    private readonly ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);
    private long _invalidations;

    private readonly record struct Key(string Name, Guid TenantId);

    private sealed record Entry(object Value, DateTimeOffset LoadedAt);

    public async Task<T> GetAsync<T>(AppDbContext db, TenantCached<T> kind, CancellationToken cancellationToken) where T : class
    {
        if (db.BypassTenancy)
        {
            return await kind.Load(db, cancellationToken);
        }
        var key = new Key(kind.Name, db.CurrentTenantId);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out Entry? cached) && cached!.LoadedAt <= now && now - cached.LoadedAt < Lifetime)
        {
            return (T)cached.Value;
        }
        _names.TryAdd(kind.Name, 0);
        // A change committed while this load ran may not be in what it read: such a copy is used once, not kept.
        var invalidations = Interlocked.Read(ref _invalidations);
        var value = await kind.Load(db, cancellationToken);
        if (Interlocked.Read(ref _invalidations) == invalidations)
        {
            _entries.Set(key, new Entry(value, now), new MemoryCacheEntryOptions
            {
                Size = Math.Max(1, kind.Size(value)),
                AbsoluteExpirationRelativeToNow = Lifetime,
            });
            if (Interlocked.Read(ref _invalidations) != invalidations)
            {
                _entries.Remove(key);
            }
        }
        return value;
    }

    /// <summary>Drops every copy of the tenant's data on this node.</summary>
    public void Invalidate(Guid tenantId)
    {
        Interlocked.Increment(ref _invalidations);
        foreach (var name in _names.Keys)
        {
            _entries.Remove(new Key(name, tenantId));
        }
    }

    public void Dispose() => _entries.Dispose();
}
