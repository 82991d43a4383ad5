using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Conversa.Core.Language;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// The current tenant's <see cref="TenantAssistant"/>. The tenant row is read on every message (one query by
/// key), so a settings change applies to the next message on every node; the profile is rebuilt only when the row
/// changed. Classifiers are shared by content: every tenant with the same extra intents and emergency keywords
/// (all tenants of one sector template, most of them) uses one classifier, so ten thousand tenants do not mean ten
/// thousand indexes. Both caches are bounded and start over when full.
/// </summary>
public sealed class TenantAssistants
{
    public const int MaxProfiles = 20_000;
    public const int MaxClassifiers = 512;

    private readonly ConcurrentDictionary<Guid, (TenantRow Row, TenantAssistant Assistant)> _profiles = new();
    private readonly ConcurrentDictionary<string, IntentClassifier> _classifiers = new(StringComparer.Ordinal);

    private sealed record TenantRow(string Slug, string Name, string Sector, string Timezone, string Language, string Currency, string SettingsJson);

    public int CachedClassifiers => _classifiers.Count;

    public async Task<TenantAssistant> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var row = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new TenantRow(t.Slug, t.Name, t.Sector, t.Timezone, t.Language, t.Currency, t.SettingsJson))
            .FirstAsync(cancellationToken);
        if (_profiles.TryGetValue(tenantId, out var cached) && cached.Row == row)
        {
            return cached.Assistant;
        }
        var profile = AssistantProfile.From(tenantId, row.Slug, row.Name, row.Sector, row.Timezone, row.Language, row.Currency, row.SettingsJson);
        var assistant = new TenantAssistant(profile, ClassifierFor(profile));
        if (_profiles.Count >= MaxProfiles)
        {
            _profiles.Clear();
        }
        _profiles[tenantId] = (row, assistant);
        return assistant;
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
