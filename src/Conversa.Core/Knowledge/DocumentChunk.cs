using Conversa.Core.Tenancy;

namespace Conversa.Core.Knowledge;

/// <summary>A retrievable passage of a document, with the heading path it sits under and its embedding.</summary>
public sealed class DocumentChunk : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid DocumentId { get; set; }
    public int Ordinal { get; set; }
    public required string Text { get; set; }
    /// <summary>E.g. <c>Precios &gt; Botox</c>; null for text before any heading.</summary>
    public string? Heading { get; set; }
    /// <summary>Little-endian float32 vector (pgvector is not available, so vectors are searched in process).</summary>
    public byte[] Embedding { get; set; } = [];
    /// <summary>Which model produced <see cref="Embedding"/>; a chunk from another model is re-embedded on load.</summary>
    public string EmbeddingModel { get; set; } = "";
}
