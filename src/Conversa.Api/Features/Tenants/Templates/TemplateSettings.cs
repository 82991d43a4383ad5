using System.Text.Json.Nodes;
using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.Tenants.Templates;

/// <summary>
/// A template as tenant settings: the base a new tenant's own settings are merged over, the greeting written once the
/// assistant's name is known, and what applying a template again adds to (or, asked to, replaces in) a tenant's settings.
/// </summary>
public static class TemplateSettings
{
    private static readonly Localized Hello = new("¡Hola! ", "Olá! ", "Hello! ");

    /// <summary>The template's settings for a tenant speaking <paramref name="language"/> (persona, labels); intents in every language.</summary>
    public static JsonObject Base(SectorTemplate template, string language)
    {
        var emergency = new JsonObject { ["keywords"] = Strings(template.EmergencyKeywords) };
        if (template.EmergencyDefaults)
        {
            emergency["use_defaults"] = true;
        }
        return new JsonObject
        {
            ["assistant"] = new JsonObject { ["persona"] = template.Persona.In(language), ["agents_enabled"] = Strings(template.AgentsEnabled) },
            ["emergency"] = emergency,
            ["intents"] = new JsonObject { ["examples"] = new JsonArray([.. Examples(template)]), ["keywords"] = new JsonArray([.. Keywords(template)]) },
            ["catalog"] = new JsonObject { ["attributes"] = new JsonArray([.. Attributes(template, language)]) },
        };
    }

    /// <summary>
    /// "¡Hola! Soy María, asesora de Benova. ¿Buscas algún vehículo…?" in the tenant's language, written to
    /// <c>assistant.greeting</c> unless the tenant has a greeting of its own (there or in <c>widget.greeting_message</c>).
    /// </summary>
    public static void AddGreeting(JsonObject settings, SectorTemplate template, string tenantName, string language, bool overwrite = false)
    {
        if (!overwrite && (HasText(settings["assistant"]?["greeting"]) || HasText(settings["widget"]?["greeting_message"])))
        {
            return;
        }
        var profile = AssistantProfile.From(Guid.Empty, "", tenantName, template.Sector, "UTC", language, "USD", settings.ToJsonString());
        if (settings["assistant"] is not JsonObject assistant)
        {
            settings["assistant"] = assistant = [];
        }
        assistant["greeting"] = Hello.In(language) + profile.Introduction(language) + " " + template.Greeting.In(language);
    }

    /// <summary>
    /// Applies a template to an existing tenant's settings: its intent examples and keywords, emergency keywords and
    /// catalog attributes are added where missing (or replace the tenant's lists with <paramref name="replace"/>); the
    /// persona and greeting are rewritten only with <paramref name="persona"/>. Answers how many entries were added.
    /// </summary>
    public static TemplateAdditions Apply(JsonObject settings, SectorTemplate template, string tenantName, string language, bool replace, bool persona)
    {
        var intents = Section(settings, "intents");
        var emergency = Section(settings, "emergency");
        var catalog = Section(settings, "catalog");
        // Entries stored before these lists were validated may be anything: keyed by their JSON, they are kept and then reported.
        var examples = Merge(intents, "examples", Examples(template), e => e is JsonObject o ? $"{o["intent"]}\u0001{o["text"]}" : e.ToJsonString(), replace);
        var keywords = Merge(intents, "keywords", Keywords(template), k => k is JsonObject o ? $"{o["intent"]}\u0001{o["phrase"]}" : k.ToJsonString(), replace);
        var emergencyKeywords = Merge(emergency, "keywords", template.EmergencyKeywords.Select(k => (JsonNode)JsonValue.Create(k)), k => k.ToString(), replace);
        var attributes = Merge(catalog, "attributes", Attributes(template, language), a => a is JsonObject o ? o["name"]?.ToString() ?? "" : a.ToJsonString(), replace);
        if (replace)
        {
            if (template.EmergencyDefaults)
            {
                emergency["use_defaults"] = true;
            }
            else
            {
                emergency.Remove("use_defaults");
            }
        }
        if (persona)
        {
            Section(settings, "assistant")["persona"] = template.Persona.In(language);
            AddGreeting(settings, template, tenantName, language, overwrite: true);
        }
        return new TemplateAdditions(examples, keywords, emergencyKeywords, attributes);
    }

    private static IEnumerable<JsonNode> Examples(SectorTemplate template) =>
        template.Examples.SelectMany(e => e.All().Select(t => (JsonNode)new JsonObject
        {
            ["intent"] = e.Intent,
            ["text"] = t.Text,
            ["language"] = t.Language,
        }));

    private static IEnumerable<JsonNode> Keywords(SectorTemplate template) =>
        template.Keywords.SelectMany(k => k.All().Select(t => (JsonNode)new JsonObject
        {
            ["intent"] = k.Intent,
            ["phrase"] = t.Text,
            ["weight"] = k.Weight ?? Core.Language.IntentKeyword.DefaultWeight,
            ["language"] = t.Language,
        }));

    private static IEnumerable<JsonNode> Attributes(SectorTemplate template, string language) =>
        template.Attributes.Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["type"] = a.Type, ["label"] = a.Label.In(language) });

    /// <summary>Adds the entries whose key the list lacks (or replaces the list); answers how many were added.</summary>
    private static int Merge(JsonObject section, string key, IEnumerable<JsonNode> entries, Func<JsonNode, string> identity, bool replace)
    {
        if (replace || section[key] is not JsonArray list)
        {
            section[key] = list = [];
        }
        var present = list.OfType<JsonNode>().Select(identity).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var entry in entries.Where(e => present.Add(identity(e))))
        {
            list.Add(entry);
            added++;
        }
        return added;
    }

    private static JsonObject Section(JsonObject settings, string key)
    {
        if (settings[key] is not JsonObject section)
        {
            settings[key] = section = [];
        }
        return section;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static bool HasText(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text);
}

/// <summary>How many entries applying a template added to each list of the tenant's settings.</summary>
public sealed record TemplateAdditions(int Examples, int Keywords, int EmergencyKeywords, int Attributes);
