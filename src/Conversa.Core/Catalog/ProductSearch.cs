using System.Globalization;
using System.Text;

namespace Conversa.Core.Catalog;

/// <summary>
/// Catalog search as customers type it: case and accents do not matter ("LIMPIEZA FACIÁL"), small typos
/// do not either ("limpesa"), and every meaningful word of the query must match some word of the product
/// (name, sku, category or description). Runs in process over <see cref="Product.SearchText"/>, so it
/// behaves the same on SQLite and PostgreSQL.
/// </summary>
public static class ProductSearch
{
    // Words that carry no product meaning in the three languages we answer in.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "al", "an", "and", "as", "com", "con", "da", "das", "de", "del", "do", "dos", "e", "el", "em", "en", "for",
        "la", "las", "los", "na", "no", "o", "of", "os", "para", "por", "the", "to", "um", "uma", "un", "una", "y",
    };

    /// <summary>Lower case, accents folded, anything but letters and digits turned into single spaces.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string SearchTextOf(string name, string? sku, string? category, string? description) =>
        string.Join(' ', new[] { name, sku, category, description }.Select(Normalize).Where(s => s.Length > 0));

    /// <summary>The words of a query that must match; stop words are dropped unless nothing else is left.</summary>
    public static IReadOnlyList<string> Terms(string? query)
    {
        var words = Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var meaningful = words.Where(w => !StopWords.Contains(w)).ToList();
        return meaningful.Count > 0 ? meaningful : words;
    }

    /// <summary>How well a product's search text matches the terms; 0 means it does not match.</summary>
    public static int Score(IReadOnlyList<string> terms, string searchText)
    {
        if (terms.Count == 0)
        {
            return 0;
        }
        var words = searchText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var total = 0;
        foreach (var term in terms)
        {
            var best = 0;
            foreach (var word in words)
            {
                best = Math.Max(best, TermScore(term, word));
                if (best == ExactMatch)
                {
                    break;
                }
            }
            if (best == 0)
            {
                return 0;
            }
            total += best;
        }
        return total;
    }

    private const int ExactMatch = 3;
    private const int PrefixMatch = 2;
    private const int FuzzyMatch = 1;

    private static int TermScore(string term, string word)
    {
        if (word == term)
        {
            return ExactMatch;
        }
        if (term.Length >= 2 && word.StartsWith(term, StringComparison.Ordinal))
        {
            return PrefixMatch;
        }
        var allowed = AllowedTypos(term.Length);
        if (allowed == 0 || Math.Abs(word.Length - term.Length) > allowed)
        {
            return 0;
        }
        return EditDistance(term, word, allowed) <= allowed ? FuzzyMatch : 0;
    }

    /// <summary>Short words must be exact (or a prefix): one typo in "sol" is another word entirely.</summary>
    public static int AllowedTypos(int termLength) => termLength switch
    {
        <= 3 => 0,
        <= 5 => 1,
        _ => 2,
    };

    /// <summary>
    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up once every
    /// alignment exceeds <paramref name="bound"/>.
    /// </summary>
    public static int EditDistance(string a, string b, int bound = int.MaxValue)
    {
        // Three rows; on the stack for words (the knowledge search compares a term with every word of a passage).
        var width = b.Length + 1;
        Span<int> rows = width <= 256 ? stackalloc int[3 * width] : new int[3 * width];
        var previousPrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }
                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }
            if (rowMinimum > bound)
            {
                return rowMinimum;
            }
            var recycled = previousPrevious;
            previousPrevious = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.Length];
    }
}
