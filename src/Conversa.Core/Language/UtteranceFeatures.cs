using Conversa.Core.Knowledge;

namespace Conversa.Core.Language;

/// <summary>
/// The sparse features two short messages are compared by: stemmed words (function words kept at a lower weight,
/// since "how much" or "no" matter in a chat where they would not in a document), word pairs, and the character
/// 3-grams and first five letters of content words, so typos and inflections ("cancelr", "reprogramar"/"reprogramación") still overlap.
/// Numbers count as one shared feature. The words of a date or time (found by <see cref="TemporalResolver"/>) are
/// left out: "mañana a las 3" says when, not what for, so "¿tienen algo mañana?" and "¿tienen algo el viernes?"
/// are alike and a bare "el viernes" resembles no intent (the dialog it answers decides). Unlike <see cref="HashedEmbedder"/> the features are exact strings, so
/// nothing collides.
/// </summary>
public static class UtteranceFeatures
{
    public static Dictionary<string, float> Of(IReadOnlyList<TextToken> tokens) => Of(tokens, TemporalResolver.TemporalTokens(tokens));

    public static Dictionary<string, float> Of(IReadOnlyList<TextToken> tokens, IReadOnlyList<bool> temporal)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(temporal);
        var features = new Dictionary<string, float>(StringComparer.Ordinal);
        string? previous = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsSeparator)
            {
                continue;
            }
            if (temporal[i])
            {
                previous = null;
                continue;
            }
            if (token.HasPunctuationBefore)
            {
                previous = null;
            }
            var unit = token.IsNumber ? "#" : LightStemmer.Stem(token.Text);
            var isFunctionWord = IsFunctionWord(token);
            Add(features, "w:" + unit, isFunctionWord ? 0.4f : 1f);
            if (previous is not null)
            {
                Add(features, "b:" + previous + " " + unit, 0.6f);
            }
            previous = unit;
            if (!isFunctionWord && token.Text.Length >= 6)
            {
                // The first five letters join a verb and its noun, which the light stemmer keeps apart
                // ("reprogramar"/"reprogramación", "cancelar"/"cancelación").
                Add(features, string.Concat("p:", token.Text.AsSpan(0, 5)), 0.6f);
            }
            if (!isFunctionWord && token.Text.Length >= 4)
            {
                var padded = "#" + token.Text + "#";
                var grams = padded.Length - 2;
                var weight = 0.9f / MathF.Sqrt(grams);
                for (var g = 0; g + 3 <= padded.Length; g++)
                {
                    Add(features, string.Concat("g:", padded.AsSpan(g, 3)), weight);
                }
            }
        }
        return features;
    }

    /// <summary>Numbers, stop words and the politeness that goes with any request ("please", "por favor").</summary>
    public static bool IsFunctionWord(TextToken token) =>
        token.IsNumber || StopWords.Contains(token.Text) || Politeness.Contains(token.Text);

    private static readonly HashSet<string> Politeness = new(StringComparer.Ordinal)
    {
        "please", "pls", "plz", "porfa", "porfavor", "favor", "ok", "okay", "oki", "vale", "bueno", "pues", "well", "entonces", "entao",
        "hola", "oi", "hi", "hello", "gracias", "obrigado", "obrigada", "thanks", "si", "sim", "yes", "just", "quisiera", "gostaria",
        "like", "want", "necesito", "preciso", "need",
    };

    public static float Norm(Dictionary<string, float> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var sum = 0f;
        foreach (var value in features.Values)
        {
            sum += value * value;
        }
        return MathF.Sqrt(sum);
    }

    private static void Add(Dictionary<string, float> features, string key, float weight) =>
        features[key] = features.GetValueOrDefault(key) + weight;
}
