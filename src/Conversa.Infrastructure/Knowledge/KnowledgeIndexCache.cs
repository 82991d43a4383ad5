using System.Collections.Concurrent;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>
/// Every tenant's loaded index on this node, bounded together by <see cref="KnowledgeOptions.MaxIndexBytes"/>:
/// beyond it the least recently searched indexes are dropped (they load again on demand), so ten thousand
/// idle tenants cost nothing and busy ones stay warm.
/// </summary>
public sealed class KnowledgeIndexCache(KnowledgeOptions options, TimeProvider time)
{
    private const int LockStripes = 64;

    private readonly ConcurrentDictionary<Guid, CachedKnowledgeIndex> _entries = new();
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, LockStripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly Lock _evictionLock = new();
    private long _totalBytes;

    public int Count => _entries.Count;

    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public long MaxBytes => options.MaxIndexBytes;

    public CachedKnowledgeIndex? Get(Guid tenantId)
    {
        if (_entries.TryGetValue(tenantId, out var entry))
        {
            entry.Touch(time.GetUtcNow().UtcDateTime);
            return entry;
        }
        return null;
    }

    /// <summary>The entry without marking it used, for health pages.</summary>
    public CachedKnowledgeIndex? Peek(Guid tenantId) => _entries.GetValueOrDefault(tenantId);

    /// <summary>Serialises loads of one tenant's index (striped, so the number of locks stays fixed).</summary>
    public SemaphoreSlim LockFor(Guid tenantId) => _locks[(tenantId.GetHashCode() & int.MaxValue) % LockStripes];

    public void Put(CachedKnowledgeIndex entry)
    {
        lock (_evictionLock)
        {
            if (_entries.TryGetValue(entry.TenantId, out var old))
            {
                _totalBytes -= old.Index.EstimatedBytes;
            }
            _entries[entry.TenantId] = entry;
            _totalBytes += entry.Index.EstimatedBytes;
            if (_totalBytes > options.MaxIndexBytes)
            {
                foreach (var victim in _entries.Values.Where(e => e.TenantId != entry.TenantId).OrderBy(e => e.LastUsedTicks).ToList())
                {
                    if (_totalBytes <= options.MaxIndexBytes)
                    {
                        break;
                    }
                    if (_entries.TryRemove(victim.TenantId, out var removed))
                    {
                        _totalBytes -= removed.Index.EstimatedBytes;
                    }
                }
            }
        }
    }

    public void Invalidate(Guid tenantId)
    {
        lock (_evictionLock)
        {
            if (_entries.TryRemove(tenantId, out var removed))
            {
                _totalBytes -= removed.Index.EstimatedBytes;
            }
        }
    }
}
