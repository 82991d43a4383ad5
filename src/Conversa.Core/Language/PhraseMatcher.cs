using Conversa.Core.Knowledge;

namespace Conversa.Core.Language;

/// <summary>
/// Finds phrases in a tokenized message, the one matching rule that keyword lexicons, emergency keywords and
/// yes/no answers share. A phrase is words separated by spaces, folded like the message ("reacción alérgica"
/// = "reaccion alergica"). A plain word matches the same word or any word with the same
/// <see cref="LightStemmer"/> stem ("precio" matches "precios"); a word ending in <c>*</c> matches every word
/// starting with it ("sangr*" matches "sangrado", "sangrando"); a word starting with <c>=</c> matches only itself
/// ("=sangra" is not "sangre", which shares its stem). Up to <c>maxGap</c> other words may stand
/// between two words of a phrase ("dolor* pecho" matches "dolor fuerte en el pecho" with a gap of 3), never
/// across punctuation.
/// </summary>
public sealed class PhraseMatcher<T>
{
    private readonly Dictionary<string, List<int>> _byFirstWord = new(StringComparer.Ordinal);
    // Phrases whose first word is a prefix ("cancel*"), by the prefix's first three letters; shorter prefixes apart.
    private readonly Dictionary<string, List<int>> _prefixFirst = new(StringComparer.Ordinal);
    private readonly List<int> _shortPrefixFirst = [];
    private readonly List<(Term[] Terms, T Value)> _phrases = [];
    private const int PrefixKey = 3;
    private readonly int _maxGap;

    public PhraseMatcher(IEnumerable<(string Phrase, T Value)> phrases, int maxGap = 0)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentOutOfRangeException.ThrowIfNegative(maxGap);
        _maxGap = maxGap;
        foreach (var (phrase, value) in phrases)
        {
            var terms = Parse(phrase);
            if (terms.Length == 0)
            {
                continue;
            }
            var index = _phrases.Count;
            _phrases.Add((terms, value));
            var first = terms[0];
            if (first.IsPrefix)
            {
                if (first.Text.Length < PrefixKey)
                {
                    _shortPrefixFirst.Add(index);
                }
                else
                {
                    Index(_prefixFirst, first.Text[..PrefixKey], index);
                }
                continue;
            }
            Index(_byFirstWord, first.Text, index);
            if (first.Stem != first.Text)
            {
                Index(_byFirstWord, first.Stem, index);
            }
        }
    }

    public int Count => _phrases.Count;

    public IReadOnlyList<PhraseHit<T>> Match(string text) => Match(TextTokenizer.Tokenize(text));

    /// <summary>Every phrase found, in the order of where it starts (then longest first); a phrase may be found more than once.</summary>
    public IReadOnlyList<PhraseHit<T>> Match(IReadOnlyList<TextToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var hits = new List<PhraseHit<T>>();
        if (_phrases.Count == 0 || tokens.Count == 0)
        {
            return hits;
        }
        var stems = new string[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            stems[i] = tokens[i].IsWord ? LightStemmer.Stem(tokens[i].Text) : tokens[i].Text;
        }
        var tried = new HashSet<int>();
        for (var start = 0; start < tokens.Count; start++)
        {
            tried.Clear();
            if (_byFirstWord.TryGetValue(tokens[start].Text, out var exact))
            {
                TryAll(exact, tokens, stems, start, tried, hits);
            }
            if (stems[start] != tokens[start].Text && _byFirstWord.TryGetValue(stems[start], out var byStem))
            {
                TryAll(byStem, tokens, stems, start, tried, hits);
            }
            var text = tokens[start].Text;
            if (text.Length >= PrefixKey && _prefixFirst.TryGetValue(text[..PrefixKey], out var byPrefix))
            {
                TryAll(byPrefix, tokens, stems, start, tried, hits);
            }
            TryAll(_shortPrefixFirst, tokens, stems, start, tried, hits);
        }
        hits.Sort((a, b) => a.FirstToken != b.FirstToken ? a.FirstToken.CompareTo(b.FirstToken) : b.LastToken.CompareTo(a.LastToken));
        return hits;
    }

    private void TryAll(List<int> candidates, IReadOnlyList<TextToken> tokens, string[] stems, int start, HashSet<int> tried, List<PhraseHit<T>> hits)
    {
        foreach (var index in candidates)
        {
            if (!tried.Add(index))
            {
                continue;
            }
            var (terms, value) = _phrases[index];
            var last = MatchFrom(terms, tokens, stems, start);
            if (last >= 0)
            {
                hits.Add(new PhraseHit<T>(value, start, last, TextSpan.Between(tokens[start].Start, tokens[last].End)));
            }
        }
    }

    /// <summary>The index of the last token of the phrase when it matches from <paramref name="start"/>, else -1.</summary>
    private int MatchFrom(Term[] terms, IReadOnlyList<TextToken> tokens, string[] stems, int start)
    {
        if (!terms[0].Matches(tokens[start].Text, stems[start]))
        {
            return -1;
        }
        var position = start;
        for (var t = 1; t < terms.Length; t++)
        {
            var found = -1;
            for (var next = position + 1; next <= position + 1 + _maxGap && next < tokens.Count; next++)
            {
                if (tokens[next].HasPunctuationBefore)
                {
                    break;
                }
                if (terms[t].Matches(tokens[next].Text, stems[next]))
                {
                    found = next;
                    break;
                }
            }
            if (found < 0)
            {
                return -1;
            }
            position = found;
        }
        return position;
    }

    private static void Index(Dictionary<string, List<int>> index, string key, int phrase)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        list.Add(phrase);
    }

    private static Term[] Parse(string phrase)
    {
        var terms = new List<Term>();
        foreach (var part in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var prefix = part.EndsWith('*');
            var exact = part.StartsWith('=');
            foreach (var token in TextTokenizer.Tokenize(part[(exact ? 1 : 0)..(prefix ? ^1 : ^0)]))
            {
                if (token.IsSeparator)
                {
                    continue;
                }
                terms.Add(new Term(token.Text, token.IsWord && !exact ? LightStemmer.Stem(token.Text) : token.Text, false, exact));
            }
            if (prefix && terms.Count > 0)
            {
                terms[^1] = terms[^1] with { IsPrefix = true };
            }
        }
        return [.. terms];
    }

    private readonly record struct Term(string Text, string Stem, bool IsPrefix, bool IsExact)
    {
        public bool Matches(string word, string stem) =>
            IsPrefix ? word.StartsWith(Text, StringComparison.Ordinal) : word == Text || (!IsExact && Stem.Length >= 3 && stem == Stem);
    }
}
