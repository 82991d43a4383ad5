namespace Conversa.Core.Language;

/// <summary>
/// Finds emergency keywords in a message, accent- and case-insensitively and with simple inflections
/// ("sangrando", "hinchada", "bleeding", "desmayé"), allowing up to <see cref="MaxGap"/> words inside a phrase
/// ("dolor muy fuerte en el pecho"). A keyword directly negated ("no tengo dolor fuerte", "sem sangramento",
/// "no bleeding": a negation at most two words before it, in the same clause) does not count; anything looser
/// still does, because a missed emergency costs more than a needless handoff.
/// </summary>
public sealed class EmergencyDetector
{
    public const int MaxGap = 3;

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "no", "sin", "nunca", "ningun", "ninguna", "nao", "sem", "nenhum", "nenhuma", "not", "without", "dont", "doesnt",
        "didnt", "never", "any", "nada",
    };

    private readonly PhraseMatcher<EmergencyKeyword> _matcher;

    public EmergencyDetector(IEnumerable<EmergencyKeyword> keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        Keywords = [.. keywords];
        _matcher = new PhraseMatcher<EmergencyKeyword>(Keywords.Select(k => (k.Phrase, k)), MaxGap);
    }

    /// <summary>The clinic defaults of <see cref="DefaultEmergencyKeywords"/>.</summary>
    public static EmergencyDetector ClinicDefault { get; } = new(DefaultEmergencyKeywords.Clinic);

    public IReadOnlyList<EmergencyKeyword> Keywords { get; }

    public bool IsEmergency(string? text) => Find(text).Count > 0;

    public IReadOnlyList<EmergencyMatch> Find(string? text) => Find(TextTokenizer.Tokenize(text));

    public IReadOnlyList<EmergencyMatch> Find(IReadOnlyList<TextToken> tokens)
    {
        var matches = new List<EmergencyMatch>();
        var coveredUpTo = -1;
        foreach (var hit in _matcher.Match(tokens))
        {
            if (hit.FirstToken <= coveredUpTo || IsNegated(tokens, hit.FirstToken))
            {
                continue;
            }
            matches.Add(new EmergencyMatch(hit.Value, hit.Span));
            coveredUpTo = hit.LastToken;
        }
        return matches;
    }

    private static bool IsNegated(IReadOnlyList<TextToken> tokens, int first)
    {
        for (var back = 1; back <= 2 && first - back >= 0; back++)
        {
            if (tokens[first - back + 1].HasPunctuationBefore)
            {
                return false;
            }
            if (Negations.Contains(tokens[first - back].Text))
            {
                return true;
            }
        }
        return false;
    }
}
