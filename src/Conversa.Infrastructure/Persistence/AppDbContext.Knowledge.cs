using Conversa.Core.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    public DbSet<KnowledgeDocument> Documents => Set<KnowledgeDocument>();
    public DbSet<DocumentChunk> DocumentChunks => Set<DocumentChunk>();
    public DbSet<KnowledgeIndexState> KnowledgeIndexStates => Set<KnowledgeIndexState>();
}
