using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>
/// An embedding provider as Microsoft.Extensions.AI shapes it, plus the id under which its vectors are stored:
/// vectors from different models are never compared, so a chunk embedded by another model is re-embedded.
/// </summary>
public interface IEmbeddingModel : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>"builtin" or "openai".</summary>
    string Provider { get; }

    /// <summary>Identifies the vector space, e.g. <c>builtin/hashed-ngrams-v1-512</c> or <c>openai/text-embedding-3-small@api.openai.com</c>.</summary>
    string ModelId { get; }

    /// <summary>Cosine similarity below which a vector match alone is not evidence of relevance.</summary>
    float MinSimilarity { get; }
}
