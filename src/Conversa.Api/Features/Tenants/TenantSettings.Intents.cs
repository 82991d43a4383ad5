using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conversa.Api.Hosting;
using Conversa.Core.Language;

namespace Conversa.Api.Features.Tenants;

/// <summary>
/// The rules for <c>settings.intents</c> (the tenant's own intent examples and keywords, which sector templates fill)
/// and <c>settings.catalog.attributes</c> (the product attributes the tenant's catalog describes).
/// </summary>
public static partial class TenantSettings
{
    public const int MaxIntentEntries = 500;
    public const int MaxIntentText = 300;
    public const int MaxCatalogAttributes = 50;
    public static readonly IReadOnlyList<string> AttributeTypes = ["text", "number", "boolean", "list"];

    private static void ValidateIntents(JsonNode? node, ValidationErrors errors)
    {
        if (node is null)
        {
            return;
        }
        if (node is not JsonObject intents)
        {
            errors.Add("settings.intents", "intents must be an object with examples and keywords.");
            return;
        }
        foreach (var (field, entry) in Entries(intents["examples"], "settings.intents.examples", MaxIntentEntries, errors))
        {
            CheckIntent(entry, field, errors);
            CheckText(entry, "text", field, errors);
            CheckLanguage(entry, field, errors);
        }
        foreach (var (field, entry) in Entries(intents["keywords"], "settings.intents.keywords", MaxIntentEntries, errors))
        {
            CheckIntent(entry, field, errors);
            CheckText(entry, "phrase", field, errors);
            CheckLanguage(entry, field, errors);
            if (entry["weight"] is { } weight && (weight is not JsonValue w || !w.TryGetValue<double>(out var value) || value is < 0 or > 1))
            {
                errors.Add(field + ".weight", "weight must be a number from 0 to 1 (0.9 settles the intent, 0.4 only leans).");
            }
        }
    }

    private static void ValidateCatalog(JsonNode? node, ValidationErrors errors)
    {
        if (node is null)
        {
            return;
        }
        if (node is not JsonObject catalog)
        {
            errors.Add("settings.catalog", "catalog must be an object.");
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, entry) in Entries(catalog["attributes"], "settings.catalog.attributes", MaxCatalogAttributes, errors))
        {
            if (StringValue(entry["name"]) is not { } name || !Identifier().IsMatch(name))
            {
                errors.Add(field + ".name", "name must be a lowercase identifier such as year or oem_ref.");
            }
            else if (!names.Add(name))
            {
                errors.Add(field + ".name", $"the attribute '{name}' is listed twice.");
            }
            if (StringValue(entry["type"]) is not { } type || !AttributeTypes.Contains(type))
            {
                errors.Add(field + ".type", "type must be one of: " + string.Join(", ", AttributeTypes) + ".");
            }
            CheckString(entry, "label", field + ".label", errors, 100);
        }
    }

    /// <summary>The entries of a list of objects, each with its field name (<c>settings.intents.examples[3]</c>).</summary>
    private static IEnumerable<(string Field, JsonObject Entry)> Entries(JsonNode? node, string field, int max, ValidationErrors errors)
    {
        if (node is null)
        {
            yield break;
        }
        if (node is not JsonArray list || list.Count > max)
        {
            errors.Add(field, $"{field.Split('.')[^1]} must be a list of at most {max} objects.");
            yield break;
        }
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject entry)
            {
                yield return ($"{field}[{i}]", entry);
            }
            else
            {
                errors.Add($"{field}[{i}]", "each entry must be an object.");
            }
        }
    }

    private static void CheckIntent(JsonObject entry, string field, ValidationErrors errors)
    {
        // Emergencies are found by settings.emergency.keywords, which also notify staff; examples must not fake one.
        if (StringValue(entry["intent"]) is not { } intent || !Identifier().IsMatch(intent) || intent == Intents.Emergency)
        {
            errors.Add(field + ".intent", "intent must be one of " + string.Join(", ", Intents.All.Where(i => i != Intents.Emergency)) +
                " or a name of your own in lowercase letters, digits and _ (emergencies go in settings.emergency.keywords).");
        }
    }

    private static void CheckText(JsonObject entry, string key, string field, ValidationErrors errors)
    {
        if (StringValue(entry[key]) is not { } text || text.Length > MaxIntentText ||
            !TextTokenizer.Tokenize(text.Replace('*', ' ').Replace('=', ' ')).Any(t => t.IsWord || t.IsNumber))
        {
            errors.Add($"{field}.{key}", $"{key} must be a text with at least one word and at most {MaxIntentText} characters.");
        }
    }

    private static void CheckLanguage(JsonObject entry, string field, ValidationErrors errors)
    {
        if (entry["language"] is { } language && (!TryString(language, out var code) || !SupportedLanguages.All.Contains(code)))
        {
            errors.Add(field + ".language", "language must be es, pt or en.");
        }
    }

    private static string? StringValue(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex Identifier();
}
