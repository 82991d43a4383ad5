using Conversa.Core.Tenancy;

namespace Conversa.Core.Knowledge;

/// <summary>A document of the tenant's knowledge base: its normalised text is kept so it can be re-chunked on reindex.</summary>
public sealed class KnowledgeDocument : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Title { get; set; }
    /// <summary>The media type the content arrived as (text/markdown, application/pdf, …).</summary>
    public required string ContentType { get; set; }
    public string? FileName { get; set; }
    /// <summary>The extracted text as blocks, one per line: headings keep their Markdown <c>#</c> marks.</summary>
    public required string Content { get; set; }
    /// <summary>Client metadata, a JSON object.</summary>
    public string MetadataJson { get; set; } = "{}";
    public DocumentStatus Status { get; set; } = DocumentStatus.Indexed;
    public int ChunkCount { get; set; }
    public long SizeBytes { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}

public enum DocumentStatus
{
    Indexed,
    /// <summary>Indexed, but the tenant's embedding model failed and the built-in one was used.</summary>
    IndexedWithFallback,
}
