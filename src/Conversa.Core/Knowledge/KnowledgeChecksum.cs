namespace Conversa.Core.Knowledge;

/// <summary>
/// An order-independent checksum of a tenant's chunks: the sum of a 32-bit FNV-1a of each chunk's text.
/// A sum can be adjusted in SQL when a document is added or removed, and survives export/import (ids change, text does not).
/// </summary>
public static class KnowledgeChecksum
{
    public static long Of(string chunkText)
    {
        var hash = 2166136261u;
        foreach (var c in chunkText)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }

    public static long Of(IEnumerable<string> chunkTexts) => chunkTexts.Sum(Of);
}
