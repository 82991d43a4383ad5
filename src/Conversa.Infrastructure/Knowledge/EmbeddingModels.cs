using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>
/// Picks each tenant's embedding model: the tenant's own <c>settings.ai</c> (<c>provider</c>, <c>base_url</c>,
/// <c>embedding_model</c> and the encrypted <c>ai.api_key</c>) when it names a provider other than
/// <c>builtin</c>, else the platform's <c>Conversa:Ai</c> (itself <c>builtin</c> unless configured). A tenant choosing the platform's provider without a key of its own uses the platform's
/// key and endpoint. One provider instance is shared per configuration; anything missing means the built-in
/// model, with the reason kept.
/// </summary>
public sealed class EmbeddingModels(KnowledgeOptions options, ConversaOptions platform, TenantReadCache cache)
{
    private const int MaxSharedModels = 1000;

    // Every knowledge search resolves the model: the tenant's settings come from the per-tenant read cache, which a
    // settings save on this node drops at once (another node's after TenantReadCache.Lifetime), not from a query each time.
    private static readonly TenantCached<TenantEmbeddingSettings> Settings = new("embedding-settings", ReadSettingsAsync, _ => 1);

    private readonly ConcurrentDictionary<string, OpenAiEmbeddingModel> _shared = new(StringComparer.Ordinal);

    public BuiltinEmbeddingModel Builtin { get; } = new(options.BuiltinDimensions);

    public async Task<ResolvedEmbeddingModel> ResolveAsync(AppDbContext db, TenantSecretStore secrets, CancellationToken cancellationToken)
    {
        var settings = await cache.GetAsync(db, Settings, cancellationToken);
        var platformAi = platform.Ai;
        string? provider, model, baseUrl, apiKey;
        // "builtin", every tenant's default, means "no model of my own": the platform's, if it has one.
        if (settings.Provider is { } tenantProvider && !string.Equals(tenantProvider, "builtin", StringComparison.OrdinalIgnoreCase))
        {
            provider = tenantProvider;
            model = settings.EmbeddingModel;
            baseUrl = settings.BaseUrl;
            apiKey = await secrets.GetAsync("ai.api_key", cancellationToken);
            if (apiKey is null && baseUrl is null && string.Equals(platformAi.Provider, provider, StringComparison.OrdinalIgnoreCase))
            {
                (apiKey, baseUrl) = (Blank(platformAi.ApiKey), Blank(platformAi.BaseUrl));
                model ??= Blank(platformAi.EmbeddingModel);
            }
        }
        else
        {
            (provider, model, baseUrl, apiKey) = (platformAi.Provider, Blank(platformAi.EmbeddingModel), Blank(platformAi.BaseUrl), Blank(platformAi.ApiKey));
        }
        if (!string.Equals(provider, "openai", StringComparison.OrdinalIgnoreCase))
        {
            return new ResolvedEmbeddingModel(Builtin, null);
        }
        if (model is null)
        {
            return new ResolvedEmbeddingModel(Builtin, "openai is configured without an embedding_model");
        }
        if (apiKey is null && baseUrl is null)
        {
            return new ResolvedEmbeddingModel(Builtin, "openai is configured without an api_key");
        }
        Uri? endpoint = null;
        if (baseUrl is not null && !Uri.TryCreate(baseUrl, UriKind.Absolute, out endpoint))
        {
            return new ResolvedEmbeddingModel(Builtin, "the ai base_url is not a URL");
        }
        // Local OpenAI-compatible servers (Ollama, vLLM) often take no key, but the SDK requires one.
        apiKey ??= "none";
        var key = model + "|" + endpoint + "|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        if (_shared.Count > MaxSharedModels)
        {
            _shared.Clear();
        }
        return new ResolvedEmbeddingModel(
            _shared.GetOrAdd(key, _ => new OpenAiEmbeddingModel(model, apiKey, endpoint, TimeSpan.FromSeconds(options.EmbeddingTimeoutSeconds))),
            null);
    }

    private static async Task<TenantEmbeddingSettings> ReadSettingsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var settingsJson = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.SettingsJson).FirstOrDefaultAsync(cancellationToken);
        var ai = (settingsJson is null ? null : JsonNode.Parse(settingsJson))?["ai"] as JsonObject;
        return new TenantEmbeddingSettings(Text(ai, "provider"), Text(ai, "embedding_model"), Text(ai, "base_url"));
    }

    /// <summary>What of a tenant's <c>settings.ai</c> picks its embedding model (the key stays in the secret store).</summary>
    private sealed record TenantEmbeddingSettings(string? Provider, string? EmbeddingModel, string? BaseUrl);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Text(JsonObject? section, string name) =>
        section?[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
