using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>
/// Picks each tenant's embedding model from its settings (<c>settings.ai.provider</c>, <c>base_url</c>,
/// <c>embedding_model</c> and the encrypted <c>ai.api_key</c>) and shares one provider instance per
/// configuration across tenants. Anything missing means the built-in model, with the reason kept.
/// </summary>
public sealed class EmbeddingModels(KnowledgeOptions options)
{
    private const int MaxSharedModels = 1000;

    private readonly ConcurrentDictionary<string, OpenAiEmbeddingModel> _shared = new(StringComparer.Ordinal);

    public BuiltinEmbeddingModel Builtin { get; } = new(options.BuiltinDimensions);

    public async Task<ResolvedEmbeddingModel> ResolveAsync(AppDbContext db, TenantSecretStore secrets, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var settingsJson = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.SettingsJson).FirstOrDefaultAsync(cancellationToken);
        var ai = (settingsJson is null ? null : JsonNode.Parse(settingsJson))?["ai"] as JsonObject;
        if (Text(ai, "provider") != "openai")
        {
            return new ResolvedEmbeddingModel(Builtin, null);
        }
        var model = Text(ai, "embedding_model");
        if (model is null)
        {
            return new ResolvedEmbeddingModel(Builtin, "openai is configured without settings.ai.embedding_model");
        }
        var apiKey = await secrets.GetAsync("ai.api_key", cancellationToken);
        var baseUrl = Text(ai, "base_url");
        if (apiKey is null && baseUrl is null)
        {
            return new ResolvedEmbeddingModel(Builtin, "openai is configured without an api_key");
        }
        Uri? endpoint = null;
        if (baseUrl is not null && !Uri.TryCreate(baseUrl, UriKind.Absolute, out endpoint))
        {
            return new ResolvedEmbeddingModel(Builtin, "settings.ai.base_url is not a URL");
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

    private static string? Text(JsonObject? section, string name) =>
        section?[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
