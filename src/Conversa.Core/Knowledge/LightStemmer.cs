namespace Conversa.Core.Knowledge;

/// <summary>
/// A light suffix stripper for Spanish, Portuguese and English, applied the same way to documents and
/// queries (the language of a short query is often unknown). It conflates plurals and common derivations
/// ("precios"/"precio", "depilaciones"/"depilación", "cancelled"/"cancel") without aiming to be a full stemmer.
/// </summary>
public static class LightStemmer
{
    // Longest first; each entry: suffix, replacement. Applied once, keeping a stem of at least 3 letters.
    private static readonly (string Suffix, string Replacement)[] Rules =
    [
        ("amientos", ""), ("imientos", ""), ("amiento", ""), ("imiento", ""),
        ("aciones", "ac"), ("iciones", "ic"), ("uciones", "uc"), ("acoes", "ac"), ("icoes", "ic"), ("ucoes", "uc"),
        ("acion", "ac"), ("icion", "ic"), ("ucion", "uc"), ("acao", "ac"), ("icao", "ic"), ("ucao", "uc"),
        ("ations", "at"), ("ation", "at"),
        ("mente", ""), ("ments", ""), ("ment", ""),
        ("idades", "id"), ("idade", "id"), ("idad", "id"), ("ities", "it"), ("ity", "it"),
        ("ables", "abl"), ("ibles", "ibl"), ("aveis", "avel"), ("iveis", "ivel"),
        ("ingly", ""), ("ings", ""), ("ing", ""), ("edly", ""),
        ("ados", ""), ("adas", ""), ("idos", ""), ("idas", ""), ("ado", ""), ("ada", ""), ("ido", ""), ("ida", ""),
        ("ies", "y"), ("oes", "o"), ("aes", "a"), ("ais", "al"), ("eis", "el"), ("ns", "m"),
        ("ces", "z"), ("ses", "s"), ("es", ""), ("ed", ""), ("s", ""),
    ];

    public static string Stem(string foldedWord)
    {
        if (foldedWord.Length <= 3 || !char.IsLetter(foldedWord[^1]))
        {
            return foldedWord;
        }
        foreach (var (suffix, replacement) in Rules)
        {
            if (foldedWord.Length - suffix.Length + replacement.Length >= 3 && foldedWord.EndsWith(suffix, StringComparison.Ordinal))
            {
                return TrimVowel(foldedWord[..^suffix.Length] + replacement);
            }
        }
        return TrimVowel(foldedWord);
    }

    /// <summary>"precio"/"preco"/"price" lose their final vowel so the gender and number endings meet.</summary>
    private static string TrimVowel(string stem) =>
        stem.Length > 4 && stem[^1] is 'a' or 'e' or 'o' ? stem[..^1] : stem;
}
