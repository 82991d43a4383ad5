namespace Conversa.Infrastructure.Knowledge;

/// <summary>The model a tenant's index uses, and why it is not the configured one when it falls back.</summary>
public sealed record ResolvedEmbeddingModel(IEmbeddingModel Model, string? FallbackReason)
{
    /// <summary>What health pages show: <c>openai</c>, <c>builtin</c> or <c>builtin (fallback: …)</c>.</summary>
    public string Description => FallbackReason is null ? Model.Provider : $"{Model.Provider} (fallback: {FallbackReason})";
}
