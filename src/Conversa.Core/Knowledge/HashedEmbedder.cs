using System.Numerics.Tensors;

namespace Conversa.Core.Knowledge;

/// <summary>
/// The offline embedding: words, stems, word pairs and character 3/4-grams hashed with a sign into a fixed
/// number of dimensions, then L2-normalised. Shared character n-grams make typos and inflections
/// ("botx", "depilasion", "preços") land near the words they mean, which BM25's exact terms miss.
/// </summary>
public sealed class HashedEmbedder(int dimensions = HashedEmbedder.DefaultDimensions)
{
    public const int DefaultDimensions = 512;

    public int Dimensions { get; } = dimensions;

    public string ModelId => $"builtin/hashed-ngrams-v1-{Dimensions}";

    public float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        string? previousStem = null;
        foreach (var word in TextFolding.Words(text))
        {
            if (StopWords.Contains(word))
            {
                continue;
            }
            var stem = LightStemmer.Stem(word);
            Add(vector, "w:" + stem, 1.0f);
            if (previousStem is not null)
            {
                Add(vector, "b:" + previousStem + " " + stem, 0.5f);
            }
            previousStem = stem;
            AddCharGrams(vector, word);
        }
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
        return vector;
    }

    private void AddCharGrams(float[] vector, string word)
    {
        var padded = "#" + word + "#";
        var grams = Math.Max(1, padded.Length - 2) + Math.Max(0, padded.Length - 3);
        // A word's n-grams together weigh about as much as the word itself, however long it is.
        var weight = 1.2f / MathF.Sqrt(grams);
        for (var n = 3; n <= 4; n++)
        {
            for (var i = 0; i + n <= padded.Length; i++)
            {
                Add(vector, padded.AsSpan(i, n), weight);
            }
        }
    }

    private void Add(float[] vector, ReadOnlySpan<char> feature, float weight)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in feature)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        var index = (int)(hash % (ulong)Dimensions);
        vector[index] += (hash >> 63) == 0 ? weight : -weight;
    }
}
