namespace Conversa.Core.Language;

/// <summary>The languages the builtin engine understands and answers in, as the two-letter codes tenants store.</summary>
public static class SupportedLanguages
{
    public const string Spanish = "es";
    public const string Portuguese = "pt";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Spanish, Portuguese, English];

    /// <summary>"pt-BR", "EN", "es_CO" → "pt", "en", "es"; anything else (or nothing) → <paramref name="fallback"/>.</summary>
    public static string Normalize(string? language, string fallback = Spanish)
    {
        if (language is { Length: >= 2 })
        {
            var code = language[..2].ToLowerInvariant();
            if ((language.Length == 2 || language[2] is '-' or '_') && code is Spanish or Portuguese or English)
            {
                return code;
            }
        }
        return fallback;
    }
}
