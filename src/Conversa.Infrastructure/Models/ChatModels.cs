using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// Picks the chat model for the scope's tenant on every message, so a settings change applies to the next one:
/// the tenant's own <c>settings.ai</c> (<c>provider</c>, <c>model</c>, <c>base_url</c> and the encrypted
/// <c>ai.api_key</c>) when it names a provider other than <c>builtin</c>, else the platform's <c>Conversa:Ai</c>
/// (itself <c>builtin</c> unless configured). A tenant choosing the platform's provider without a key or URL of its
/// own borrows the platform's key, endpoint and, if it names none, model. Same rule as <c>EmbeddingModels</c>.
/// <para>
/// One provider client is shared per configuration (provider, model, endpoint, key hash) across tenants; each
/// resolve wraps it in the per-tenant behaviours: usage metering, timeout, and fallback to builtin.
/// </para>
/// </summary>
public sealed class ChatModels(ChatModelOptions options, ConversaOptions platform, IModelUsageSink usage, ILoggerFactory loggers) : IDisposable
{
    private readonly ConcurrentDictionary<string, IChatModel> _shared = new(StringComparer.Ordinal);
    private readonly ILogger _fallbackLogger = loggers.CreateLogger<FallbackChatClient>();

    // Anthropic clients would each make an HttpClient; one pooled client serves them all (and outlives evictions).
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public ChatModelOptions Options => options;

    /// <summary>Provider clients currently shared (one per configuration in use).</summary>
    public int SharedClients => _shared.Count;

    public async Task<ResolvedChatModel> ResolveAsync(AppDbContext db, TenantSecretStore secrets, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var settingsJson = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.SettingsJson).FirstOrDefaultAsync(cancellationToken);
        return await ResolveAsync(db, secrets, settingsJson, cancellationToken);
    }

    /// <summary>For callers that already hold the tenant's settings: no query unless the tenant has a provider of its own.</summary>
    public async Task<ResolvedChatModel> ResolveAsync(AppDbContext db, TenantSecretStore secrets, string? settingsJson, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var ai = (settingsJson is null ? null : JsonNode.Parse(settingsJson))?["ai"] as JsonObject;
        var platformAi = platform.Ai;
        string? provider, model, baseUrl, apiKey;
        // "builtin", every tenant's default, means "no model of my own": the platform's, if it has one.
        if (Text(ai, "provider") is { } tenantProvider && !string.Equals(tenantProvider, "builtin", StringComparison.OrdinalIgnoreCase))
        {
            provider = tenantProvider;
            model = Text(ai, "model");
            baseUrl = Text(ai, "base_url");
            apiKey = await secrets.GetAsync("ai.api_key", cancellationToken);
            if (apiKey is null && baseUrl is null && string.Equals(platformAi.Provider, provider, StringComparison.OrdinalIgnoreCase))
            {
                (apiKey, baseUrl) = (Blank(platformAi.ApiKey), Blank(platformAi.BaseUrl));
                model ??= Blank(platformAi.Model);
            }
        }
        else
        {
            (provider, model, baseUrl, apiKey) = (Blank(platformAi.Provider), Blank(platformAi.Model), Blank(platformAi.BaseUrl), Blank(platformAi.ApiKey));
        }
        provider = provider?.ToLowerInvariant();
        if (provider is not ("openai" or "anthropic"))
        {
            return Builtin(provider is null or "builtin" ? null : $"unknown provider '{provider}'");
        }
        if (model is null)
        {
            return Builtin($"{provider} is configured without a model");
        }
        if (apiKey is null && baseUrl is null)
        {
            return Builtin($"{provider} is configured without an api_key");
        }
        Uri? endpoint = null;
        if (baseUrl is not null && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            return Builtin("the ai base_url is not an http(s) URL");
        }
        // Local OpenAI-compatible servers (Ollama, vLLM) often take no key, but the SDKs require one.
        apiKey ??= "none";
        var shared = Shared(provider, model, endpoint, apiKey);
        var description = $"{provider}/{model}";
        IChatClient client = new UsageMeteringChatClient(shared, tenantId, provider, model, usage);
        client = new TimeoutChatClient(client, options.Timeout);
        client = new FallbackChatClient(client, description, _fallbackLogger);
        return new ResolvedChatModel(client, provider, model, null);
    }

    private IChatModel Shared(string provider, string model, Uri? endpoint, string apiKey)
    {
        var key = provider + "|" + model + "|" + endpoint + "|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        if (_shared.TryGetValue(key, out var existing))
        {
            return existing;
        }
        // Bounded: past the limit the set starts again (clients hold no connections of their own, so nothing leaks).
        if (_shared.Count >= Math.Max(1, options.MaxSharedClients))
        {
            _shared.Clear();
        }
        return _shared.GetOrAdd(key, _ => provider == "anthropic"
            ? new AnthropicChatModel(model, apiKey, endpoint, options.MaxRetries, options.Timeout, options.MaxOutputTokens, _http)
            : new OpenAiChatModel(model, apiKey, endpoint, options.MaxRetries, options.Timeout));
    }

    private static ResolvedChatModel Builtin(string? reason) => new(null, "builtin", null, reason);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Text(JsonObject? section, string name) =>
        section?[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    public void Dispose() => _http.Dispose();
}
