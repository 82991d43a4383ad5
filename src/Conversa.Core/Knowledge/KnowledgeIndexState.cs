using Conversa.Core.Tenancy;

namespace Conversa.Core.Knowledge;

/// <summary>
/// One row per tenant, changed in the same transaction as every document change: the version tells each
/// node's in-memory index that it is stale, and the chunk count and checksum let a loaded index prove it
/// holds exactly what the database holds.
/// </summary>
public sealed class KnowledgeIndexState : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public long Version { get; set; }
    public int DocumentCount { get; set; }
    public int ChunkCount { get; set; }
    /// <summary>Sum of <see cref="KnowledgeChecksum.Of"/> over every chunk's text.</summary>
    public long Checksum { get; set; }
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}
