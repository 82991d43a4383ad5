using System.Text.Json;

namespace Conversa.Infrastructure.Engine;

/// <summary>A tool's result as the model read it: text as is, anything else as JSON.</summary>
public static class ToolOutput
{
    public static string Text(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result),
    };
}
