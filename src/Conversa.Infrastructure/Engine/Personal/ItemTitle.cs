using Conversa.Core.Language;
using Conversa.Core.Personal;

namespace Conversa.Infrastructure.Engine.Personal;

/// <summary>
/// The name of a task or appointment: what is left of the sentence once the command, the date, the length and the
/// priority are cut out ("recuérdame [llamar a Juan] mañana a las 10"), in the user's own spelling, without the
/// connectors those cuts leave dangling ("send the invoice <i>by</i>"), first letter upper-cased.
/// </summary>
public static class ItemTitle
{
    private static readonly char[] EdgePunctuation = [' ', ',', '.', ':', ';', '-', '!', '?', '¿', '¡', '"', '\'', '«', '»', '“', '”', '(', ')'];

    /// <summary>The title, or null when nothing is left.</summary>
    public static string? From(string text, IReadOnlyList<TextToken> tokens, bool[] removed)
    {
        var kept = (bool[])removed.Clone();
        for (var i = 0; i < kept.Length; i++)
        {
            kept[i] = !kept[i] && !tokens[i].IsSeparator;
        }
        TrimConnectors(tokens, kept);
        var segments = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!kept[i])
            {
                continue;
            }
            var last = i;
            while (last + 1 < tokens.Count && (kept[last + 1] || (tokens[last + 1].IsSeparator && last + 2 < tokens.Count && kept[last + 2])))
            {
                last++;
            }
            segments.Add(text[tokens[i].Start..tokens[last].End].Trim(EdgePunctuation));
            i = last;
        }
        var title = string.Join(" ", segments.Where(s => s.Length > 0)).Trim(EdgePunctuation);
        if (title.Length == 0)
        {
            return null;
        }
        title = char.ToUpper(title[0], System.Globalization.CultureInfo.InvariantCulture) + title[1..];
        return title.Length > PersonalText.MaxTitleLength ? title[..PersonalText.MaxTitleLength].TrimEnd() : title;
    }

    /// <summary>Drops connectors at the start of the name and at the end of every stretch of kept words, until none is left there.</summary>
    private static void TrimConnectors(IReadOnlyList<TextToken> tokens, bool[] kept)
    {
        bool changed;
        do
        {
            changed = false;
            var first = Array.IndexOf(kept, true);
            if (first >= 0 && PersonalPhrases.Connectors.Contains(tokens[first].Text))
            {
                kept[first] = false;
                changed = true;
            }
            for (var i = 0; i < kept.Length; i++)
            {
                var endOfStretch = kept[i] && (i + 1 == kept.Length || !kept[i + 1]);
                if (endOfStretch && i + 1 < kept.Length && PersonalPhrases.Connectors.Contains(tokens[i].Text))
                {
                    kept[i] = false;
                    changed = true;
                }
            }
        }
        while (changed);
    }
}
