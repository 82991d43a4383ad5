using Conversa.Core.Language;

namespace Conversa.Infrastructure.Engine;

/// <summary>One sentence in the three languages the assistants speak; <see cref="In"/> picks the customer's.</summary>
public readonly record struct Localized(string Es, string Pt, string En)
{
    public string In(string? language) => language switch
    {
        SupportedLanguages.Portuguese => Pt,
        SupportedLanguages.English => En,
        _ => Es,
    };
}
