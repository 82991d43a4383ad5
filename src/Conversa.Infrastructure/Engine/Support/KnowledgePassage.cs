using Conversa.Core.Knowledge;

namespace Conversa.Infrastructure.Engine.Support;

/// <summary>A relevant passage of the knowledge base and the sentences of it that answer the question.</summary>
public sealed record KnowledgePassage(IndexedChunk Chunk, double Relevance, IReadOnlyList<string> Sentences)
{
    public SourceRef Source => new(Chunk.DocumentId, Chunk.Title, Chunk.Heading);

    /// <summary>"Precios > Botox": the heading path, which names the passage; the document's title when it has none.</summary>
    public string Citation => Chunk.Heading ?? Chunk.Title;
}
