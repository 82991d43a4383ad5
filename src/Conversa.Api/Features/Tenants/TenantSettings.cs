using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conversa.Api.Hosting;
using Conversa.Core.Tenancy;

namespace Conversa.Api.Features.Tenants;

/// <summary>
/// The tenant's <c>settings</c> document: its defaults, the rules a merged document must satisfy, and the
/// write-only secrets that are lifted out of a patch into encrypted storage before anything is stored.
/// </summary>
public static partial class TenantSettings
{
    /// <summary>Settings paths whose values are secrets: stored encrypted, shown only as <c>*_set</c> flags.</summary>
    public static readonly IReadOnlyList<string> SecretPaths = ["ai.api_key"];

    public static readonly IReadOnlyList<string> Agents = ["router", "sales", "support", "availability", "schedule", "emergency", "personal"];
    public static readonly IReadOnlyList<string> AiProviders = ["builtin", "openai", "anthropic"];

    public static JsonObject Defaults(string tenantName) => new()
    {
        ["assistant"] = new JsonObject
        {
            ["name"] = $"Asistente de {tenantName}",
            ["persona"] = "",
            ["system_prompt"] = "",
            ["greeting"] = "",
            ["agents_enabled"] = new JsonArray(Agents.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
        },
        ["ai"] = new JsonObject { ["provider"] = "builtin", ["model"] = null, ["base_url"] = null },
        ["widget"] = new JsonObject { ["primary_color"] = "#2563eb", ["greeting_message"] = "" },
        ["booking"] = new JsonObject
        {
            ["min_advance_minutes"] = 60,
            ["max_advance_days"] = 60,
            ["cancellation_minutes"] = 1440,
            ["slot_step_minutes"] = 15,
            ["reminder_minutes"] = 1440,
        },
        ["emergency"] = new JsonObject { ["keywords"] = new JsonArray(), ["message"] = "", ["notify_phone"] = null },
    };

    /// <summary>Removes secret values from a patch and returns them: a string sets, null removes.</summary>
    public static Dictionary<string, string?> ExtractSecrets(JsonObject patch)
    {
        var secrets = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var path in SecretPaths)
        {
            var parts = path.Split('.');
            if (patch[parts[0]] is JsonObject section && section.ContainsKey(parts[1]))
            {
                var value = section[parts[1]];
                secrets[path] = value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
                section.Remove(parts[1]);
            }
            // A "*_set" flag echoed back from a GET is read-only: ignore it rather than store it.
            (patch[parts[0]] as JsonObject)?.Remove(parts[1] + "_set");
        }
        return secrets;
    }

    public static void Validate(JsonObject settings, ValidationErrors errors)
    {
        if (settings["assistant"] is { } assistantNode)
        {
            if (assistantNode is not JsonObject assistant)
            {
                errors.Add("settings.assistant", "assistant must be an object.");
            }
            else
            {
                CheckString(assistant, "name", "settings.assistant.name", errors, 100);
                CheckString(assistant, "persona", "settings.assistant.persona", errors, 4000);
                CheckString(assistant, "system_prompt", "settings.assistant.system_prompt", errors, 20000);
                CheckString(assistant, "greeting", "settings.assistant.greeting", errors, 1000);
                if (assistant["agents_enabled"] is { } agents &&
                    (agents is not JsonArray list || list.Any(a => a is not JsonValue v || !v.TryGetValue<string>(out var s) || !Agents.Contains(s))))
                {
                    errors.Add("settings.assistant.agents_enabled", "agents_enabled lists agents among: " + string.Join(", ", Agents) + ".");
                }
            }
        }
        if (settings["ai"] is JsonObject ai)
        {
            if (ai["provider"] is { } provider && (!TryString(provider, out var p) || !AiProviders.Contains(p)))
            {
                errors.Add("settings.ai.provider", "provider must be builtin, openai or anthropic.");
            }
            CheckString(ai, "model", "settings.ai.model", errors, 200);
            CheckString(ai, "transcription_model", "settings.ai.transcription_model", errors, 200);
            if (ai["base_url"] is { } baseUrl && (!TryString(baseUrl, out var u) ||
                !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                errors.Add("settings.ai.base_url", "base_url must be an http(s) URL.");
            }
        }
        else if (settings["ai"] is not null)
        {
            errors.Add("settings.ai", "ai must be an object.");
        }
        if (settings["widget"] is JsonObject widget)
        {
            if (widget["primary_color"] is { } color && (!TryString(color, out var c) || !HexColor().IsMatch(c)))
            {
                errors.Add("settings.widget.primary_color", "primary_color must be a hex colour such as #2563eb.");
            }
            CheckString(widget, "greeting_message", "settings.widget.greeting_message", errors, 1000);
        }
        if (settings["booking"] is JsonObject booking)
        {
            CheckInt(booking, "min_advance_minutes", 0, 60 * 24 * 365, errors);
            CheckInt(booking, "max_advance_days", 1, 3650, errors);
            CheckInt(booking, "cancellation_minutes", 0, 60 * 24 * 365, errors);
            CheckInt(booking, "slot_step_minutes", 5, 240, errors);
            CheckInt(booking, "reminder_minutes", 0, 60 * 24 * 30, errors);
        }
        if (settings["emergency"] is JsonObject emergency)
        {
            if (emergency["keywords"] is { } keywords &&
                (keywords is not JsonArray list || list.Any(k => k is not JsonValue v || !v.TryGetValue<string>(out _))))
            {
                errors.Add("settings.emergency.keywords", "keywords must be a list of strings.");
            }
            CheckString(emergency, "message", "settings.emergency.message", errors, 2000);
            CheckString(emergency, "notify_phone", "settings.emergency.notify_phone", errors, 32);
            if (emergency["use_defaults"] is { } useDefaults && (useDefaults is not JsonValue flag || !flag.TryGetValue<bool>(out _)))
            {
                errors.Add("settings.emergency.use_defaults", "use_defaults must be true or false.");
            }
        }
        ValidateIntents(settings["intents"], errors);
        ValidateCatalog(settings["catalog"], errors);
    }

    /// <summary>The settings as clients see them: stored values plus a <c>*_set</c> flag for each secret.</summary>
    public static JsonObject Render(string settingsJson, IReadOnlySet<string> secretNames)
    {
        var settings = JsonNode.Parse(settingsJson) as JsonObject ?? [];
        foreach (var path in SecretPaths)
        {
            var parts = path.Split('.');
            if (settings[parts[0]] is not JsonObject section)
            {
                settings[parts[0]] = section = [];
            }
            section[parts[1] + "_set"] = secretNames.Contains(path);
        }
        return settings;
    }

    public static string Serialize(JsonObject settings) => settings.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    private static bool TryString(JsonNode node, out string value)
    {
        value = "";
        return node is JsonValue v && v.TryGetValue(out value!);
    }

    private static void CheckString(JsonObject section, string key, string field, ValidationErrors errors, int maxLength)
    {
        if (section[key] is { } node && (!TryString(node, out var s) || s.Length > maxLength))
        {
            errors.Add(field, $"{key} must be a string of at most {maxLength} characters.");
        }
    }

    private static void CheckInt(JsonObject section, string key, int min, int max, ValidationErrors errors)
    {
        if (section[key] is { } node && (node is not JsonValue v || !v.TryGetValue<int>(out var n) || n < min || n > max))
        {
            errors.Add("settings.booking." + key, $"{key} must be a whole number between {min} and {max}.");
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
