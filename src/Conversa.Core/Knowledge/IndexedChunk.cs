namespace Conversa.Core.Knowledge;

/// <summary>A chunk as the in-memory index holds it. <see cref="Vector"/> is normalised, or empty when the chunk has none.</summary>
public sealed record IndexedChunk(Guid ChunkId, Guid DocumentId, string Title, string? Heading, string Text, float[] Vector)
{
    /// <summary>
    /// The distinct <see cref="KnowledgeTokenizer"/> terms of the chunk's index text, sorted ordinally: set by
    /// <see cref="KnowledgeIndex.Build"/>, which tokenizes the chunk anyway, so a search need not tokenize its hits again.
    /// Null on a chunk no index has built.
    /// </summary>
    public string[]? Terms { get; init; }
}
