using System.Text.Json.Nodes;
using Conversa.Core.Language;
using Conversa.Core.Time;
using NodaTime;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// Who the tenant's assistant is and what it may do, read from the tenant row and its <c>settings</c>: name,
/// persona and greeting (<c>settings.assistant</c>), enabled agents, language, zone and currency, the emergency
/// keywords, message and staff phone (<c>settings.emergency</c>) and the tenant's own intent examples and keywords
/// (<c>settings.intents</c>, which sector templates fill too).
/// </summary>
public sealed record AssistantProfile
{
    /// <summary>Sectors whose customers may report a medical emergency: the clinic keywords apply unless turned off.</summary>
    public static readonly IReadOnlySet<string> HealthSectors = new HashSet<string>(StringComparer.Ordinal)
    {
        "clinic", "dental", "spa", "medical", "aesthetic", "health", "medspa",
    };

    public required Guid TenantId { get; init; }
    public required string TenantSlug { get; init; }
    public required string TenantName { get; init; }
    public required string Sector { get; init; }
    public required string AssistantName { get; init; }
    public string Persona { get; init; } = "";
    public string SystemPrompt { get; init; } = "";
    /// <summary>The greeting the tenant wrote (<c>settings.assistant.greeting</c>, else the widget's); null for the default introduction.</summary>
    public string? Greeting { get; init; }
    public required IReadOnlySet<string> EnabledAgents { get; init; }
    public required string DefaultLanguage { get; init; }
    public required string Currency { get; init; }
    public required DateTimeZone Zone { get; init; }
    public IReadOnlyList<string> EmergencyKeywords { get; init; } = [];
    /// <summary>Whether the builtin clinic keywords apply (health sectors, unless <c>settings.emergency.use_defaults</c> is false).</summary>
    public bool EmergencyDefaults { get; init; }
    public string? EmergencyMessage { get; init; }
    public string? NotifyPhone { get; init; }
    public IReadOnlyList<IntentExample> IntentExamples { get; init; } = [];
    public IReadOnlyList<IntentKeyword> IntentKeywords { get; init; } = [];
    public required string SettingsJson { get; init; }

    public bool Enabled(string agent) => EnabledAgents.Contains(agent);

    /// <summary>"Soy María, asesora de Benova." — or, with the default name, "Soy el asistente virtual de Benova."</summary>
    public string Introduction(string language)
    {
        var isDefaultName = AssistantName.StartsWith("Asistente de ", StringComparison.Ordinal) || AssistantName.Length == 0;
        return isDefaultName
            ? new Localized($"Soy el asistente virtual de {TenantName}.", $"Sou o assistente virtual da {TenantName}.", $"I'm {TenantName}'s virtual assistant.").In(language)
            : new Localized($"Soy {AssistantName}.", $"Sou {AssistantName}.", $"I'm {AssistantName}.").In(language);
    }

    public static AssistantProfile From(
        Guid tenantId, string slug, string name, string sector, string timezone, string language, string currency, string settingsJson)
    {
        var settings = JsonNode.Parse(string.IsNullOrWhiteSpace(settingsJson) ? "{}" : settingsJson) as JsonObject ?? [];
        var assistant = settings["assistant"] as JsonObject;
        var emergency = settings["emergency"] as JsonObject;
        var intents = settings["intents"] as JsonObject;
        var enabled = assistant?["agents_enabled"] is JsonArray agents
            ? agents.Select(a => Text(a)).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : AgentNames.Configurable.ToHashSet(StringComparer.Ordinal);
        // The router cannot be turned off: it is what answers greetings and what nothing else understood.
        enabled.Add(AgentNames.Router);
        return new AssistantProfile
        {
            TenantId = tenantId,
            TenantSlug = slug,
            TenantName = name,
            Sector = sector,
            AssistantName = Text(assistant?["name"]) ?? $"Asistente de {name}",
            Persona = Text(assistant?["persona"]) ?? "",
            SystemPrompt = Text(assistant?["system_prompt"]) ?? "",
            Greeting = Text(assistant?["greeting"]) ?? Text(settings["widget"]?["greeting_message"]),
            EnabledAgents = enabled,
            DefaultLanguage = SupportedLanguages.Normalize(language),
            Currency = currency,
            Zone = ZonedTime.Zone(timezone),
            EmergencyKeywords = Strings(emergency?["keywords"]),
            EmergencyDefaults = HealthSectors.Contains(sector) && Flag(emergency?["use_defaults"]) != false,
            EmergencyMessage = Text(emergency?["message"]),
            NotifyPhone = Text(emergency?["notify_phone"]),
            IntentExamples = Objects(intents?["examples"])
                .Select(o => (Intent: Text(o["intent"]), Text: Text(o["text"]), Language: Text(o["language"])))
                .Where(e => e.Intent is not null && e.Text is not null)
                .Select(e => new IntentExample(e.Intent!, e.Text!, e.Language))
                .ToList(),
            IntentKeywords = Objects(intents?["keywords"])
                .Select(o => (Intent: Text(o["intent"]), Phrase: Text(o["phrase"]), Weight: (o["weight"] as JsonValue)?.TryGetValue<double>(out var w) is true ? w : IntentKeyword.DefaultWeight))
                .Where(k => k.Intent is not null && k.Phrase is not null)
                .Select(k => new IntentKeyword(k.Intent!, k.Phrase!, k.Weight))
                .ToList(),
            SettingsJson = settingsJson,
        };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static bool? Flag(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    private static List<string> Strings(JsonNode? node) => node is JsonArray list ? list.Select(Text).OfType<string>().ToList() : [];

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node is JsonArray list ? list.OfType<JsonObject>() : [];
}
