using Conversa.Core.Catalog;
using Conversa.Core.Language;

namespace Conversa.Infrastructure.Engine.Scheduling;

/// <summary>
/// Finds which service or provider a message names, the way customers type them: case and accents do not matter,
/// plurals and small typos do not either ("rellenos", "limpiesa facial"), and titles are not names ("la Dra. Ríos"
/// is Ríos). A name matches when at least half of its words appear in the message; the best match must be unique,
/// so "limpieza" between "Limpieza facial" and "Limpieza dental" names neither.
/// </summary>
public static class NameMatcher
{
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "dr", "dra", "doctor", "doctora", "doc", "doutor", "doutora", "sr", "sra", "srta", "senor", "senora", "lic", "licenciado",
        "licenciada", "prof", "profesor", "profesora", "professor", "professora", "mr", "mrs", "ms", "miss",
    };

    /// <summary>The words of a message that may name something: words, outside the positions <paramref name="skip"/> marks.</summary>
    public static IReadOnlyList<string> Words(IReadOnlyList<TextToken> tokens, bool[]? skip = null) =>
        tokens.Where((t, i) => t.IsWord && (skip is null || !skip[i])).Select(t => t.Text).ToList();

    public static T? Best<T>(IEnumerable<T> candidates, Func<T, string> name, IReadOnlyList<string> words) where T : class
    {
        T? best = null;
        var bestScore = 0;
        var tie = false;
        foreach (var candidate in candidates)
        {
            var score = Score(name(candidate), words);
            if (score > bestScore)
            {
                (best, bestScore, tie) = (candidate, score, false);
            }
            else if (score == bestScore && score > 0)
            {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /// <summary>How well the message's words name <paramref name="name"/>; 0 when they do not.</summary>
    public static int Score(string name, IReadOnlyList<string> words)
    {
        var terms = ProductSearch.Terms(name).Where(t => !Titles.Contains(t)).ToList();
        if (terms.Count == 0 || words.Count == 0)
        {
            return 0;
        }
        int total = 0, matched = 0;
        foreach (var term in terms)
        {
            var best = words.Max(w => TermScore(term, w));
            if (best > 0)
            {
                matched++;
                total += best;
            }
        }
        return matched * 2 >= terms.Count ? total : 0;
    }

    private static int TermScore(string term, string word)
    {
        if (word == term)
        {
            return 3;
        }
        // "relleno" for "rellenos", "limpiezas" for "limpieza": one is the other plus an ending.
        if (Math.Min(word.Length, term.Length) >= 4 && (word.StartsWith(term, StringComparison.Ordinal) || term.StartsWith(word, StringComparison.Ordinal)))
        {
            return 2;
        }
        var allowed = ProductSearch.AllowedTypos(term.Length);
        return allowed > 0 && Math.Abs(word.Length - term.Length) <= allowed && ProductSearch.EditDistance(term, word, allowed) <= allowed ? 1 : 0;
    }
}
