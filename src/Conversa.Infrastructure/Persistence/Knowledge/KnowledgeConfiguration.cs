using Conversa.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversa.Infrastructure.Persistence.Knowledge;

internal sealed class KnowledgeDocumentConfiguration : IEntityTypeConfiguration<KnowledgeDocument>
{
    public void Configure(EntityTypeBuilder<KnowledgeDocument> builder)
    {
        builder.ToTable("documents");
        builder.HasIndex(d => new { d.TenantId, d.CreatedAt });
    }
}

internal sealed class DocumentChunkConfiguration : IEntityTypeConfiguration<DocumentChunk>
{
    public void Configure(EntityTypeBuilder<DocumentChunk> builder)
    {
        builder.ToTable("document_chunks");
        builder.HasOne<KnowledgeDocument>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.TenantId, c.DocumentId, c.Ordinal }).IsUnique();
    }
}

internal sealed class KnowledgeIndexStateConfiguration : IEntityTypeConfiguration<KnowledgeIndexState>
{
    public void Configure(EntityTypeBuilder<KnowledgeIndexState> builder)
    {
        builder.ToTable("knowledge_index_states");
        // One row per tenant.
        builder.HasIndex(s => s.TenantId).IsUnique();
    }
}
