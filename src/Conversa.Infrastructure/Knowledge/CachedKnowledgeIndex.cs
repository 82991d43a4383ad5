using Conversa.Core.Knowledge;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>A tenant's loaded index, the database version it reflects and how it was obtained.</summary>
public sealed class CachedKnowledgeIndex(
    Guid tenantId, long version, int documents, KnowledgeIndex index, string configuredModelId, ResolvedEmbeddingModel model,
    string status, string? detail, DateTime loadedAt)
{
    private long _lastUsedTicks = loadedAt.Ticks;

    public Guid TenantId { get; } = tenantId;
    public long Version { get; } = version;
    public int Documents { get; } = documents;
    public KnowledgeIndex Index { get; } = index;
    /// <summary>The model the tenant's settings named when this index was built; another one means a reload.</summary>
    public string ConfiguredModelId { get; } = configuredModelId;
    /// <summary>The model whose vectors the index holds and with which queries are embedded.</summary>
    public ResolvedEmbeddingModel Model { get; } = model;
    /// <summary><c>ready</c>, or <c>rebuilt</c> when loading it found and repaired an inconsistency.</summary>
    public string Status { get; } = status;
    public string? Detail { get; } = detail;
    public DateTime LoadedAt { get; } = loadedAt;

    public long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

    public void Touch(DateTime now) => Interlocked.Exchange(ref _lastUsedTicks, now.Ticks);
}
