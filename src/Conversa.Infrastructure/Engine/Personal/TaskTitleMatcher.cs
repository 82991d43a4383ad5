using Conversa.Core.Knowledge;
using Conversa.Core.Language;
using Conversa.Core.Personal;

namespace Conversa.Infrastructure.Engine.Personal;

/// <summary>
/// Which of the user's open tasks a few words name ("llamar a Juan" → "Llamar a Juan"; "send invoice" → "Send the
/// invoice"). Titles and words are compared as sets of meaningful words (stop words out, accents and case folded,
/// light stems) by the Dice coefficient; the best task wins when it clearly beats the next one, several close ones
/// are a question for the user, and a weak best is no match.
/// </summary>
public static class TaskTitleMatcher
{
    /// <summary>How similar a title must be to count at all.</summary>
    public const double MinScore = 0.5;

    /// <summary>How far ahead of the next one the best must be to be taken without asking.</summary>
    public const double Margin = 0.2;

    /// <summary>The most tasks offered when several fit.</summary>
    public const int MaxChoices = 5;

    /// <summary>One task (the match), several (ask which), or none.</summary>
    public static IReadOnlyList<PersonalTask> Match(string query, IReadOnlyList<PersonalTask> tasks)
    {
        var wanted = Words(query);
        if (wanted.Count == 0)
        {
            return [];
        }
        var folded = Fold(query);
        var exact = tasks.Where(t => Fold(t.Title) == folded).ToList();
        if (exact.Count > 0)
        {
            return exact.Take(MaxChoices).ToList();
        }
        var scored = tasks
            .Select(t => (Task: t, Score: Score(wanted, Words(t.Title))))
            .Where(s => s.Score >= MinScore)
            .OrderByDescending(s => s.Score)
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }
        var best = scored[0].Score;
        return scored.TakeWhile(s => best - s.Score < Margin).Take(MaxChoices).Select(s => s.Task).ToList();
    }

    public static double Score(IReadOnlySet<string> wanted, IReadOnlySet<string> title) =>
        wanted.Count + title.Count == 0 ? 0 : 2.0 * wanted.Count(title.Contains) / (wanted.Count + title.Count);

    /// <summary>The stems of the meaningful words; a text made only of stop words keeps them all.</summary>
    public static IReadOnlySet<string> Words(string text)
    {
        var words = TextTokenizer.Tokenize(text).Where(t => t.IsWord || t.IsNumber).Select(t => t.Text).ToList();
        var meaningful = words.Where(w => !StopWords.Contains(w)).ToList();
        return (meaningful.Count > 0 ? meaningful : words).Select(LightStemmer.Stem).ToHashSet(StringComparer.Ordinal);
    }

    private static string Fold(string text) => string.Join(" ", TextTokenizer.Tokenize(text).Select(t => t.Text));
}
