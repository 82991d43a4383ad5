using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Conversa.Core.Billing;
using Conversa.Core.Language;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// The current tenant's <see cref="TenantAssistant"/>, kept in <see cref="TenantReadCache"/>: the tenant row is read
/// when the copy is missing, dropped by a settings change on this node, or older than the cache's lifetime (a change
/// made on another node). Classifiers are shared by content: every tenant with the same extra intents and emergency
/// keywords (all tenants of one sector template, most of them) uses one classifier, so ten thousand tenants do not
/// mean ten thousand indexes; that cache is bounded and starts over when full.
/// </summary>
public sealed class TenantAssistants
{
    public const int MaxClassifiers = 512;

    private readonly TenantReadCache _cache;
    private readonly TenantCached<TenantAssistant> _kind;
    private readonly ConcurrentDictionary<string, IntentClassifier> _classifiers = new(StringComparer.Ordinal);

    public TenantAssistants(TenantReadCache cache)
    {
        _cache = cache;
        _kind = new("assistant", ReadAsync, _ => 1);
    }

    public int CachedClassifiers => _classifiers.Count;

    public Task<TenantAssistant> LoadAsync(AppDbContext db, CancellationToken cancellationToken) => _cache.GetAsync(db, _kind, cancellationToken);

    private async Task<TenantAssistant> ReadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var row = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new { t.Slug, t.Name, t.Sector, t.Timezone, t.Language, t.Currency, t.SettingsJson, t.Plan, t.LimitsJson })
            .FirstAsync(cancellationToken);
        var profile = AssistantProfile.From(tenantId, row.Slug, row.Name, row.Sector, row.Timezone, row.Language, row.Currency, row.SettingsJson);
        return new TenantAssistant(profile, ClassifierFor(profile), row.Plan, TenantLimits.Own(row.LimitsJson).Messages);
    }

    private IntentClassifier ClassifierFor(AssistantProfile profile)
    {
        if (profile.IntentExamples.Count == 0 && profile.IntentKeywords.Count == 0 && profile.EmergencyKeywords.Count == 0)
        {
            return profile.EmergencyDefaults ? IntentClassifier.Default : Plain;
        }
        var key = ContentKey(profile);
        if (_classifiers.TryGetValue(key, out var shared))
        {
            return shared;
        }
        var keywords = profile.EmergencyDefaults ? [.. DefaultEmergencyKeywords.Clinic] : new List<EmergencyKeyword>();
        keywords.AddRange(profile.EmergencyKeywords.Select(k => new EmergencyKeyword(k, profile.DefaultLanguage, DefaultEmergencyKeywords.Other)));
        var classifier = new IntentClassifier(
            IntentCatalog.Default.With(profile.IntentKeywords, profile.IntentExamples),
            keywords.Count > 0 ? new EmergencyDetector(keywords) : null);
        if (_classifiers.Count >= MaxClassifiers)
        {
            _classifiers.Clear();
        }
        return _classifiers.GetOrAdd(key, classifier);
    }

    /// <summary>The default catalog without emergency keywords: a car dealer's customer saying "dolor" is not an emergency.</summary>
    private static IntentClassifier Plain { get; } = new(IntentCatalog.Default);

    private static string ContentKey(AssistantProfile profile)
    {
        var text = new StringBuilder().Append(profile.EmergencyDefaults).Append('\u0001').Append(profile.DefaultLanguage);
        foreach (var keyword in profile.EmergencyKeywords)
        {
            text.Append('\u0001').Append(keyword);
        }
        foreach (var example in profile.IntentExamples)
        {
            text.Append('\u0002').Append(example.Intent).Append('\u0003').Append(example.Text).Append('\u0003').Append(example.Language);
        }
        foreach (var keyword in profile.IntentKeywords)
        {
            text.Append('\u0004').Append(keyword.Intent).Append('\u0003').Append(keyword.Phrase).Append('\u0003').Append(keyword.Weight);
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
