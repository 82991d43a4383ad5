using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Hosting;

namespace Conversa.Api.Features.Conversations;

/// <summary>Reads the few fields of the conversation bodies, so a wrong JSON type is a field error (<c>errors: {"enabled": [...]}</c>).</summary>
internal sealed class BodyFields(JsonObject? body, ValidationErrors errors)
{
    /// <summary>The trimmed string (null when absent, null or blank); longer than <paramref name="maxLength"/> is an error.</summary>
    public string? String(string name, int maxLength, bool required = false)
    {
        string? text = null;
        switch (body?[name])
        {
            case null:
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                text = value.GetValue<string>().Trim();
                break;
            default:
                errors.Add(name, $"{name} must be a string.");
                return null;
        }
        if (string.IsNullOrEmpty(text))
        {
            errors.When(required, name, $"{name} is required.");
            return null;
        }
        errors.When(text.Length > maxLength, name, $"{name} is at most {maxLength} characters.");
        return text;
    }

    /// <summary>A required <c>true</c> or <c>false</c>.</summary>
    public bool? RequiredBool(string name)
    {
        switch (body?[name])
        {
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return value.GetValue<bool>();
            case null:
                errors.Add(name, $"{name} is required: true or false.");
                return null;
            default:
                errors.Add(name, $"{name} must be true or false.");
                return null;
        }
    }
}
