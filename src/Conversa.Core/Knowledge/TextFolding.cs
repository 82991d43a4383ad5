using System.Globalization;
using System.Text;

namespace Conversa.Core.Knowledge;

/// <summary>Lowercase and accent folding, so "Depilación", "DEPILACION" and "depilacion" are one word.</summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        if (Ascii.IsValid(text))
        {
            // Nothing to decompose, drop or replace: the loop below would only lowercase.
            return text.ToLowerInvariant();
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        // ß and ø have no decomposition; the rest of Latin folds above.
        return builder.Replace("ß", "ss").Replace('ø', 'o').ToString();
    }

    /// <summary>The folded words of a text: runs of letters and digits.</summary>
    public static List<string> Words(string text)
    {
        var folded = Fold(text);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isWordChar = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }
        return words;
    }
}
