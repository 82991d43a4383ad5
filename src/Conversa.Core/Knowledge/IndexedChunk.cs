namespace Conversa.Core.Knowledge;

/// <summary>A chunk as the in-memory index holds it. <see cref="Vector"/> is normalised, or empty when the chunk has none.</summary>
public sealed record IndexedChunk(Guid ChunkId, Guid DocumentId, string Title, string? Heading, string Text, float[] Vector);
