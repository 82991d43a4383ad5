namespace Conversa.Core.Language;

/// <summary>
/// Classifies a customer message into an intent with two signals: keyword phrases (noisy-or of the matched
/// phrases' weights) and the cosine similarity of <see cref="UtteranceFeatures"/> to the closest example of each
/// intent. An intent's score is the stronger signal plus a quarter of the weaker, so agreement helps and either
/// alone can decide. Yes/no answers come from <see cref="ConfirmationDetector"/> and emergencies from the
/// tenant's <see cref="EmergencyDetector"/> (which always wins). Content intents beat social ones
/// (<see cref="Intents.IsSocial"/>) when both reach <see cref="MinimumScore"/> and the content one trails by no more than
/// <see cref="ContentMargin"/>; among social intents a yes or no
/// beats a greeting or thanks. Build one per tenant catalog and keep
/// it: construction indexes every example, classification only touches examples that share a feature.
/// </summary>
public sealed class IntentClassifier
{
    public const double MinimumScore = 0.45;

    /// <summary>A content intent wins over a social one it trails by at most this much ("see you at 4" stays a goodbye).</summary>
    public const double ContentMargin = 0.35;

    private readonly PhraseMatcher<IntentKeyword> _keywords;
    private readonly EmergencyDetector? _emergency;
    private readonly string[] _exampleIntents;
    private readonly float[] _exampleNorms;
    private readonly Dictionary<string, List<(int Example, float Weight)>> _postings = new(StringComparer.Ordinal);

    public IntentClassifier(IntentCatalog catalog, EmergencyDetector? emergency = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        _emergency = emergency;
        _keywords = new PhraseMatcher<IntentKeyword>(catalog.Keywords.Select(k => (k.Phrase, k)), maxGap: 1);
        _exampleIntents = new string[catalog.Examples.Count];
        _exampleNorms = new float[catalog.Examples.Count];
        for (var i = 0; i < catalog.Examples.Count; i++)
        {
            var example = catalog.Examples[i];
            var features = UtteranceFeatures.Of(TextTokenizer.Tokenize(example.Text));
            _exampleIntents[i] = example.Intent;
            _exampleNorms[i] = UtteranceFeatures.Norm(features);
            foreach (var (feature, weight) in features)
            {
                if (!_postings.TryGetValue(feature, out var list))
                {
                    _postings[feature] = list = [];
                }
                list.Add((i, weight));
            }
        }
    }

    /// <summary>The default catalog with the clinic emergency keywords.</summary>
    public static IntentClassifier Default { get; } = new(IntentCatalog.Default, EmergencyDetector.ClinicDefault);

    public IntentCatalog Catalog { get; }

    public IntentPrediction Classify(string? text) => Classify(text, TextTokenizer.Tokenize(text));

    public IntentPrediction Classify(string? text, IReadOnlyList<TextToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var keywordScores = KeywordScores(tokens);
        var exampleScores = ExampleScores(tokens);
        AddConfirmation(text, tokens, keywordScores);

        var ranked = new List<IntentScore>();
        foreach (var intent in keywordScores.Keys.Union(exampleScores.Keys))
        {
            var keyword = keywordScores.GetValueOrDefault(intent);
            var example = exampleScores.GetValueOrDefault(intent);
            var score = Math.Min(1.0, Math.Max(keyword, example) + 0.25 * Math.Min(keyword, example));
            ranked.Add(new IntentScore(intent, Math.Round(score, 3), Math.Round(keyword, 3), Math.Round(example, 3)));
        }

        var emergencies = _emergency?.Find(tokens) ?? [];
        if (emergencies.Count > 0)
        {
            ranked.RemoveAll(s => s.Intent == Intents.Emergency);
            ranked.Add(new IntentScore(Intents.Emergency, 1, 1, exampleScores.GetValueOrDefault(Intents.Emergency)));
        }
        // Scores are capped at 1, so ties are settled by the two signals together, then by name (for a stable order).
        ranked.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score)
            : b.KeywordScore + b.ExampleScore != a.KeywordScore + a.ExampleScore ? (b.KeywordScore + b.ExampleScore).CompareTo(a.KeywordScore + a.ExampleScore)
            : string.CompareOrdinal(a.Intent, b.Intent));
        if (emergencies.Count > 0)
        {
            var emergency = ranked.Find(s => s.Intent == Intents.Emergency)!;
            ranked.Remove(emergency);
            ranked.Insert(0, emergency);
        }

        // Content first; among social intents an answer ("ok, no gracias") says more than the courtesy around it.
        var social = ranked.FirstOrDefault(s => s.Score >= MinimumScore && Intents.IsSocial(s.Intent));
        var chosen = ranked.FirstOrDefault(s => s.Score >= MinimumScore && !Intents.IsSocial(s.Intent) && s.Score >= (social?.Score ?? 0) - ContentMargin)
            ?? ranked.FirstOrDefault(s => s.Score >= MinimumScore && s.Intent is Intents.Yes or Intents.No)
            ?? social;
        return new IntentPrediction(chosen?.Intent, chosen?.Score ?? 0, ranked, emergencies);
    }

    private Dictionary<string, double> KeywordScores(IReadOnlyList<TextToken> tokens)
    {
        // Noisy-or: each distinct phrase found lowers the chance that the intent is absent.
        var absent = new Dictionary<string, double>(StringComparer.Ordinal);
        var seen = new HashSet<IntentKeyword>();
        foreach (var hit in _keywords.Match(tokens))
        {
            if (seen.Add(hit.Value))
            {
                var weight = Math.Clamp(hit.Value.Weight, 0, 1);
                absent[hit.Value.Intent] = absent.GetValueOrDefault(hit.Value.Intent, 1.0) * (1 - weight);
            }
        }
        return absent.ToDictionary(p => p.Key, p => 1 - p.Value, StringComparer.Ordinal);
    }

    private Dictionary<string, double> ExampleScores(IReadOnlyList<TextToken> tokens)
    {
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        var temporal = TemporalResolver.TemporalTokens(tokens);
        var features = UtteranceFeatures.Of(tokens, temporal);
        // Likeness through function words alone ("please", "how much", "no") is weak evidence: keywords speak for those.
        var hasContent = tokens.Where((t, i) => !temporal[i] && t.IsWord && !UtteranceFeatures.IsFunctionWord(t)).Any();
        var damping = hasContent ? 1.0 : 0.6;
        var norm = UtteranceFeatures.Norm(features);
        if (norm == 0)
        {
            return best;
        }
        var dots = new Dictionary<int, float>();
        foreach (var (feature, weight) in features)
        {
            if (_postings.TryGetValue(feature, out var postings))
            {
                foreach (var (example, exampleWeight) in postings)
                {
                    dots[example] = dots.GetValueOrDefault(example) + weight * exampleWeight;
                }
            }
        }
        foreach (var (example, dot) in dots)
        {
            var similarity = damping * dot / (norm * _exampleNorms[example]);
            var intent = _exampleIntents[example];
            if (similarity > best.GetValueOrDefault(intent))
            {
                best[intent] = similarity;
            }
        }
        return best;
    }

    private static void AddConfirmation(string? text, IReadOnlyList<TextToken> tokens, Dictionary<string, double> keywordScores)
    {
        var answer = ConfirmationDetector.Detect(text, tokens);
        var intent = answer switch
        {
            ConfirmationAnswer.Yes => Intents.Yes,
            ConfirmationAnswer.No => Intents.No,
            _ => null,
        };
        if (intent is not null)
        {
            // A bare answer is certain; one that opens a longer message ("sí, y cuánto cuesta?") only leans.
            var weight = tokens.Count <= ConfirmationDetector.ShortMessageWords ? 0.9 : 0.5;
            keywordScores[intent] = 1 - (1 - keywordScores.GetValueOrDefault(intent)) * (1 - weight);
        }
    }
}
