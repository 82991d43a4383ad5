using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Core.Time;
using NodaTime;

namespace Conversa.Api.Features.Personal;

/// <summary>
/// Reads the fields of a personal-agenda body by hand, so a wrong JSON type is a field error like any other
/// (<c>errors: {"reminder_minutes": [...]}</c>) and an absent field can be told apart from an explicit <c>null</c>.
/// </summary>
internal sealed class JsonFields(JsonObject body, ValidationErrors errors)
{
    public ValidationErrors Errors => errors;

    public JsonObject Body => body;

    public bool Has(string name) => body.ContainsKey(name);

    /// <summary>The string, or null when absent or null; anything else is an error.</summary>
    public string? String(string name)
    {
        switch (body[name])
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>();
            default:
                errors.Add(name, $"{name} must be a string.");
                return null;
        }
    }

    /// <summary>The integer; <paramref name="whenAbsent"/> when the field is not sent, null when it is <c>null</c>.</summary>
    public int? Int(string name, int? whenAbsent)
    {
        if (!body.ContainsKey(name))
        {
            return whenAbsent;
        }
        switch (body[name])
        {
            case null:
                return null;
            case JsonValue value when value.TryGetValue<int>(out var number):
                return number;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<decimal>(out var d) && d == decimal.Truncate(d)
                                      && d is >= int.MinValue and <= int.MaxValue:
                return (int)d;
            default:
                errors.Add(name, $"{name} must be a whole number.");
                return null;
        }
    }

    /// <summary>A list of strings, or null when absent or null.</summary>
    public List<string>? Strings(string name)
    {
        switch (body[name])
        {
            case null:
                return null;
            case JsonArray array when array.All(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String):
                return array.Select(item => item!.GetValue<string>()).ToList();
            default:
                errors.Add(name, $"{name} must be a list of strings.");
                return null;
        }
    }

    /// <summary>A timestamp with offset, or a local one read in <paramref name="zone"/>; null when absent or null.</summary>
    public DateTimeOffset? Timestamp(string name, DateTimeZone zone)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        if (ZonedTime.TryParse(text, zone, out var instant))
        {
            return instant.ToDateTimeOffset();
        }
        errors.Add(name, $"{name} must be an ISO 8601 date-time such as 2026-11-22T10:00:00-05:00 (without an offset it is read in the tenant's time zone).");
        return null;
    }
}
