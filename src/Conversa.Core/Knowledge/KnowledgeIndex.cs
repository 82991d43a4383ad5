using System.Buffers;
using System.Numerics.Tensors;

namespace Conversa.Core.Knowledge;

/// <summary>
/// One tenant's immutable retrieval index: BM25 postings over <see cref="KnowledgeTokenizer"/> terms and a
/// contiguous matrix of normalised vectors scanned with SIMD dot products, fused by reciprocal rank fusion.
/// Built once per version of the tenant's documents; searching it allocates only per-query buffers.
/// </summary>
public sealed class KnowledgeIndex
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;

    private readonly IndexedChunk[] _chunks;
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly float[] _lengthNorm; // K1 * (1 - B + B * length / averageLength), per chunk
    private readonly float[] _vectors;    // chunk i at [i * Dimensions, (i + 1) * Dimensions)
    private readonly bool[] _hasVector;

    private KnowledgeIndex(IndexedChunk[] chunks, Dictionary<string, Posting[]> postings, float[] lengthNorm, float[] vectors, bool[] hasVector, int dimensions, long estimatedBytes)
    {
        _chunks = chunks;
        _postings = postings;
        _lengthNorm = lengthNorm;
        _vectors = vectors;
        _hasVector = hasVector;
        Dimensions = dimensions;
        EstimatedBytes = estimatedBytes;
    }

    public static KnowledgeIndex Empty { get; } = Build([], 0);

    public int Count => _chunks.Length;

    /// <summary>How many chunks hold a <see cref="KnowledgeTokenizer"/> term: what tells a telling word from a common one.</summary>
    public int DocumentFrequency(string term) => _postings.TryGetValue(term, out var postings) ? postings.Length : 0;

    public int Dimensions { get; }

    /// <summary>Approximate heap held by the index, for the cross-tenant memory bound.</summary>
    public long EstimatedBytes { get; }

    public IReadOnlyList<IndexedChunk> Chunks => _chunks;

    /// <summary>The text BM25 and embeddings see for a chunk: its document title and heading path give it context.</summary>
    public static string IndexText(string title, string? heading, string text) =>
        heading is null ? title + "\n" + text : title + "\n" + heading + "\n" + text;

    public static KnowledgeIndex Build(IReadOnlyList<IndexedChunk> chunks, int dimensions)
    {
        var array = chunks.ToArray();
        var termCounts = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        var chunkTerms = new string[array.Length][];
        var lengths = new int[array.Length];
        long bytes = 64;
        for (var i = 0; i < array.Length; i++)
        {
            var chunk = array[i];
            var terms = KnowledgeTokenizer.Terms(IndexText(chunk.Title, chunk.Heading, chunk.Text));
            lengths[i] = terms.Count;
            var distinct = new List<string>();
            foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
            {
                // One string per term across the index: the chunks' term lists share the postings' keys.
                if (!vocabulary.TryGetValue(group.Key, out var term))
                {
                    vocabulary.Add(term = group.Key);
                    termCounts[term] = [];
                    bytes += 80 + term.Length * 2;
                }
                termCounts[term].Add(new Posting(i, group.Count()));
                distinct.Add(term);
            }
            distinct.Sort(StringComparer.Ordinal);
            chunkTerms[i] = [.. distinct];
            // Objects and string headers included: a chunk record, its strings, its term list and its row of the vector matrix.
            bytes += 160 + (chunk.Text.Length + chunk.Title.Length + (chunk.Heading?.Length ?? 0)) * 2 + 24 + distinct.Count * 8L + (long)dimensions * 4;
        }
        var average = array.Length == 0 ? 1f : Math.Max(1f, (float)lengths.Average());
        var lengthNorm = lengths.Select(l => K1 * (1 - B + B * l / average)).ToArray();
        var vectors = new float[array.Length * dimensions];
        var hasVector = new bool[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            if (array[i].Vector.Length == dimensions && dimensions > 0)
            {
                array[i].Vector.CopyTo(vectors, i * dimensions);
                hasVector[i] = true;
            }
            // The matrix holds the vector now; keeping a second copy per chunk would double the index's largest part.
            array[i] = array[i] with { Vector = [], Terms = chunkTerms[i] };
        }
        var postings = termCounts.ToDictionary(t => t.Key, t => t.Value.ToArray(), StringComparer.Ordinal);
        bytes += postings.Values.Sum(p => 24L + p.Length * 8L) + array.Length * 5L;
        return new KnowledgeIndex(array, postings, lengthNorm, vectors, hasVector, dimensions, bytes);
    }

    /// <summary>Hybrid search: BM25 and vector rankings fused; vector-only candidates must reach <paramref name="minSimilarity"/>.</summary>
    public List<SearchHit> Search(string query, ReadOnlySpan<float> queryVector, int topK, float minSimilarity)
    {
        var candidates = Math.Max(topK * 4, 40);
        var keyword = KeywordRanking(query, candidates);
        var vector = queryVector.Length == Dimensions && Dimensions > 0 ? VectorRanking(queryVector, candidates, minSimilarity) : [];
        var fused = ReciprocalRankFusion.Fuse([keyword, vector]);
        return fused.Take(topK).Select(f => new SearchHit(
            _chunks[f.Item], f.Score, RankOf(keyword, f.Item), RankOf(vector, f.Item))).ToList();
    }

    /// <summary>BM25 alone, for comparison and for callers without a query vector.</summary>
    public List<SearchHit> SearchKeywords(string query, int topK)
    {
        var keyword = KeywordRanking(query, topK);
        return keyword.Select((item, rank) => new SearchHit(_chunks[item], 1.0 / (ReciprocalRankFusion.DefaultK + rank + 1), rank + 1, null)).ToList();
    }

    private List<int> KeywordRanking(string query, int count)
    {
        var scores = ArrayPool<float>.Shared.Rent(_chunks.Length);
        try
        {
            Array.Clear(scores, 0, _chunks.Length);
            var any = false;
            foreach (var term in KnowledgeTokenizer.Terms(query).Distinct(StringComparer.Ordinal))
            {
                if (!_postings.TryGetValue(term, out var postings))
                {
                    continue;
                }
                any = true;
                var idf = MathF.Log(1 + (_chunks.Length - postings.Length + 0.5f) / (postings.Length + 0.5f));
                foreach (var posting in postings)
                {
                    var tf = posting.Frequency;
                    scores[posting.Chunk] += idf * tf * (K1 + 1) / (tf + _lengthNorm[posting.Chunk]);
                }
            }
            return any ? TopItems(scores.AsSpan(0, _chunks.Length), count, float.Epsilon) : [];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    private List<int> VectorRanking(ReadOnlySpan<float> query, int count, float minSimilarity)
    {
        var similarities = ArrayPool<float>.Shared.Rent(_chunks.Length);
        try
        {
            var vectors = _vectors.AsSpan();
            for (var i = 0; i < _chunks.Length; i++)
            {
                // Vectors are normalised, so the dot product is the cosine similarity.
                similarities[i] = _hasVector[i] ? TensorPrimitives.Dot(vectors.Slice(i * Dimensions, Dimensions), query) : float.MinValue;
            }
            return TopItems(similarities.AsSpan(0, _chunks.Length), count, minSimilarity);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(similarities);
        }
    }

    /// <summary>The best <paramref name="count"/> items scoring at least <paramref name="minimum"/>, best first (a bounded min-heap).</summary>
    private static List<int> TopItems(ReadOnlySpan<float> scores, int count, float minimum)
    {
        var heap = new PriorityQueue<int, (float Score, int Item)>(count + 1, LowestFirst.Instance);
        for (var i = 0; i < scores.Length; i++)
        {
            var score = scores[i];
            if (score < minimum)
            {
                continue;
            }
            if (heap.Count < count)
            {
                heap.Enqueue(i, (score, i));
            }
            else if (heap.TryPeek(out _, out var lowest) && LowestFirst.Instance.Compare((score, i), lowest) > 0)
            {
                heap.DequeueEnqueue(i, (score, i));
            }
        }
        var result = new int[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = heap.Dequeue();
        }
        return [.. result];
    }

    /// <summary>Orders by score; on equal scores the earlier item ranks higher, so results are deterministic.</summary>
    private sealed class LowestFirst : IComparer<(float Score, int Item)>
    {
        public static readonly LowestFirst Instance = new();

        public int Compare((float Score, int Item) x, (float Score, int Item) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Item.CompareTo(x.Item);
    }

    private static int? RankOf(List<int> ranking, int item)
    {
        var index = ranking.IndexOf(item);
        return index < 0 ? null : index + 1;
    }

    private readonly record struct Posting(int Chunk, int Frequency);
}
