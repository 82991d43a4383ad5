using Conversa.Core.Knowledge;
using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>The offline default: <see cref="HashedEmbedder"/> vectors, computed in process.</summary>
public sealed class BuiltinEmbeddingModel(int dimensions = HashedEmbedder.DefaultDimensions) : IEmbeddingModel
{
    private readonly HashedEmbedder _embedder = new(dimensions);

    public string Provider => "builtin";

    public string ModelId => _embedder.ModelId;

    // Calibrated on the retrieval evaluation: answering passages score 0.13-0.6 against short queries, while a
    // query about something the tenant never wrote about stays under ~0.1 against every passage.
    public float MinSimilarity => 0.12f;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(
            values.Select(v => new Embedding<float>(_embedder.Embed(v)) { ModelId = ModelId })));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata)
            ? new EmbeddingGeneratorMetadata("builtin", null, ModelId, _embedder.Dimensions)
            : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
