namespace Conversa.Infrastructure.Models;

/// <summary>
/// Where a tenant's model calls go, as <see cref="ChatModels"/> resolves them: the provider (lower case), the chat
/// and speech-to-text model names, the endpoint and the key. Null means not configured.
/// </summary>
public sealed record ModelAccess(string? Provider, string? Model, string? TranscriptionModel, string? BaseUrl, string? ApiKey)
{
    /// <summary>The configured base URL when it is an http(s) URL; null when none is set or it is not one.</summary>
    public Uri? Endpoint =>
        BaseUrl is not null && Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary>Why no call can be made (neither key nor URL, a URL that is not http(s)), or null.</summary>
    public string? Unusable =>
        ApiKey is null && BaseUrl is null ? $"{Provider} is configured without an api_key"
        : BaseUrl is not null && Endpoint is null ? "the ai base_url is not an http(s) URL"
        : null;

    /// <summary>The key to send: local OpenAI-compatible servers (Ollama, vLLM) often take none, but the SDKs require one.</summary>
    public string Key => ApiKey ?? "none";
}
