namespace Conversa.Core.Knowledge;

/// <summary>A retrieved chunk with its fused score and its place in each ranking (null when absent from it).</summary>
public sealed record SearchHit(IndexedChunk Chunk, double Score, int? KeywordRank, int? VectorRank);
