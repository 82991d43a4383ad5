using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Conversa.Infrastructure.Billing.Usage;
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
/// own borrows the platform's key, endpoint and, if it names none, model (and speech-to-text model:
/// <c>settings.ai.transcription_model</c>, <c>Conversa:Ai:TranscriptionModel</c>). Same rule as <c>EmbeddingModels</c>.
/// <para>
/// One provider client is shared per configuration (provider, model, endpoint, key hash) across tenants; each
/// resolve wraps it in the per-tenant behaviours: usage metering, timeout, and fallback to builtin.
/// </para>
/// <para>
/// A tenant whose model tokens this month reached its <c>ai_tokens</c> limit (<see cref="AiTokenBudget"/>) gets builtin,
/// as if it had no model, with <see cref="ResolvedChatModel.OverQuota"/> saying so.
/// </para>
/// </summary>
public sealed class ChatModels(ChatModelOptions options, ConversaOptions platform, IModelUsageSink usage, AiTokenBudget budget, ILoggerFactory loggers)
    : IDisposable
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
        var access = await AccessAsync(secrets, settingsJson, cancellationToken);
        var provider = access.Provider;
        if (provider is not ("openai" or "anthropic"))
        {
            return Builtin(provider is null or "builtin" ? null : $"unknown provider '{provider}'");
        }
        if (access.Model is not { } model)
        {
            return Builtin($"{provider} is configured without a model");
        }
        if (access.Unusable is { } reason)
        {
            return Builtin(reason);
        }
        if (await budget.CheckAsync(db, cancellationToken) is { } spent)
        {
            return Builtin($"the month's AI tokens ({spent.Limit}) are used up") with { OverQuota = spent };
        }
        var shared = Shared(provider, model, access.Endpoint, access.Key);
        var description = $"{provider}/{model}";
        IChatClient client = new UsageMeteringChatClient(shared, db.CurrentTenantId, provider, model, usage);
        client = new TimeoutChatClient(client, options.Timeout);
        client = new FallbackChatClient(client, description, _fallbackLogger);
        return new ResolvedChatModel(client, provider, model, null);
    }

    /// <summary>
    /// The provider, model names, endpoint and key the scope's tenant uses (the rule in the class summary), for callers
    /// that talk to the provider's other APIs with them (speech to text).
    /// </summary>
    public async Task<ModelAccess> AccessAsync(AppDbContext db, TenantSecretStore secrets, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var settingsJson = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.SettingsJson).FirstOrDefaultAsync(cancellationToken);
        return await AccessAsync(secrets, settingsJson, cancellationToken);
    }

    private async Task<ModelAccess> AccessAsync(TenantSecretStore secrets, string? settingsJson, CancellationToken cancellationToken)
    {
        var ai = (settingsJson is null ? null : JsonNode.Parse(settingsJson))?["ai"] as JsonObject;
        var platformAi = platform.Ai;
        // "builtin", every tenant's default, means "no model of my own": the platform's, if it has one.
        if (Text(ai, "provider") is not { } provider || string.Equals(provider, "builtin", StringComparison.OrdinalIgnoreCase))
        {
            return new ModelAccess(Blank(platformAi.Provider)?.ToLowerInvariant(), Blank(platformAi.Model),
                Blank(platformAi.TranscriptionModel), Blank(platformAi.BaseUrl), Blank(platformAi.ApiKey));
        }
        var access = new ModelAccess(provider.ToLowerInvariant(), Text(ai, "model"), Text(ai, "transcription_model"), Text(ai, "base_url"),
            await secrets.GetAsync("ai.api_key", cancellationToken));
        if (access.ApiKey is null && access.BaseUrl is null && string.Equals(platformAi.Provider, provider, StringComparison.OrdinalIgnoreCase))
        {
            access = access with
            {
                ApiKey = Blank(platformAi.ApiKey),
                BaseUrl = Blank(platformAi.BaseUrl),
                Model = access.Model ?? Blank(platformAi.Model),
                TranscriptionModel = access.TranscriptionModel ?? Blank(platformAi.TranscriptionModel),
            };
        }
        return access;
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
