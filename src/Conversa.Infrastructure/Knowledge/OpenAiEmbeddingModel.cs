using System.ClientModel;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>Embeddings from any OpenAI-compatible <c>/v1/embeddings</c> (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio) through the official SDK.</summary>
public sealed class OpenAiEmbeddingModel : IEmbeddingModel
{
    private const int BatchSize = 96;

    private readonly EmbeddingClient _client;
    private readonly Uri? _endpoint;

    public OpenAiEmbeddingModel(string model, string apiKey, Uri? endpoint, TimeSpan timeout)
    {
        _endpoint = endpoint;
        var options = new OpenAIClientOptions { NetworkTimeout = timeout };
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }
        _client = new EmbeddingClient(model, new ApiKeyCredential(apiKey), options);
        ModelId = $"openai/{model}@{endpoint?.Authority ?? "api.openai.com"}";
    }

    public string Provider => "openai";

    public string ModelId { get; }

    public float MinSimilarity => 0.3f;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var batch in values.Chunk(BatchSize))
        {
            OpenAIEmbeddingCollection response = await _client.GenerateEmbeddingsAsync(batch, cancellationToken: cancellationToken);
            if (response.Count != batch.Length)
            {
                throw new InvalidOperationException($"The embeddings endpoint returned {response.Count} vectors for {batch.Length} inputs.");
            }
            foreach (var embedding in response.OrderBy(e => e.Index))
            {
                var vector = embedding.ToFloats().ToArray();
                // Stored vectors are normalised so that a dot product is the cosine similarity.
                var norm = TensorPrimitives.Norm(vector);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(vector, norm, vector);
                }
                result.Add(new Embedding<float>(vector) { ModelId = ModelId });
            }
        }
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata)
            ? new EmbeddingGeneratorMetadata("openai", _endpoint, ModelId)
            : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
