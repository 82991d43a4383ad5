using System.Runtime.InteropServices;
using Conversa.Core.Catalog;
using Conversa.Core.Knowledge;

namespace Conversa.Infrastructure.Engine.Support;

/// <summary>
/// Whether a retrieved passage answers a question at all. Retrieval ranks by reciprocal rank fusion, which orders
/// passages but says nothing about whether the best one is any good: "¿venden bicicletas?" still gets a "best"
/// passage. Here the question's telling words are weighted by how rare they are in the tenant's knowledge base (IDF,
/// from the index's own postings) and a passage is relevant when it covers at least <see cref="Threshold"/> of that
/// weight, counting typos and inflections (stems, short prefixes, a bounded edit distance) as slightly weaker matches.
/// A question made only of common words ("precio") is thereby not answered by whichever price it meets first.
/// </summary>
public sealed class PassageRelevance
{
    /// <summary>Measured on RetrievalEvaluationTests' corpus plus off-topic questions (SupportRelevanceTests).</summary>
    public const double Threshold = 0.5;

    /// <summary>
    /// The lower bar for a passage both rankings put first: "¿abren los sábados?" shares only "sábados" with "Los sábados
    /// abrimos…", yet keywords and meaning agree on it, while an off-topic question rarely has both on one passage.
    /// </summary>
    public const double AgreedThreshold = 0.35;

    private const double NearMatch = 0.8;

    // Words that ask rather than say what about: greetings, courtesy and "I'd like to know".
    private static readonly HashSet<string> Filler = new[]
    {
        "hola", "buenas", "buenos", "dias", "tardes", "noches", "gracias", "favor", "quisiera", "queria", "gustaria", "necesito",
        "saber", "decir", "dime", "digan", "podrias", "podria", "informacion", "info", "pregunta", "duda", "dudas", "consulta",
        "oi", "ola", "bom", "dia", "boa", "tarde", "noite", "obrigado", "obrigada", "quero", "gostaria", "preciso", "informacao",
        "duvida", "pergunta", "hello", "hi", "hey", "thanks", "please", "want", "like", "need", "know", "tell", "question",
        "information", "wondering", "ustedes", "usted", "alguien",
    }.Select(LightStemmer.Stem).ToHashSet(StringComparer.Ordinal);

    private readonly List<(string Term, double Weight)> _terms;
    private readonly double _totalWeight;

    private PassageRelevance(List<(string Term, double Weight)> terms)
    {
        _terms = terms;
        _totalWeight = terms.Sum(t => t.Weight);
    }

    public bool HasTerms => _terms.Count > 0;

    public static PassageRelevance For(string question, KnowledgeIndex index)
    {
        var total = index.Count;
        var terms = KnowledgeTokenizer.Terms(question)
            .Where(t => !char.IsAsciiDigit(t[0]) && !Filler.Contains(t))
            .Distinct(StringComparer.Ordinal)
            .Select(t =>
            {
                var frequency = index.DocumentFrequency(t);
                return (t, Math.Log(1 + (total - frequency + 0.5) / (frequency + 0.5)));
            })
            .ToList();
        return new PassageRelevance(terms);
    }

    /// <summary>The share (0 to 1) of the question's weight that the passage's title, heading path and text cover.</summary>
    public double Of(IndexedChunk chunk) => chunk.Terms is { } terms
        ? Coverage(terms)
        : Coverage(KnowledgeIndex.IndexText(chunk.Title, chunk.Heading, chunk.Text));

    public bool IsRelevant(SearchHit hit)
    {
        if (!HasTerms)
        {
            return false;
        }
        var coverage = Of(hit.Chunk);
        return coverage >= Threshold || (coverage >= AgreedThreshold && hit.KeywordRank == 1 && hit.VectorRank == 1);
    }

    public double Coverage(string text)
    {
        if (_terms.Count == 0)
        {
            return 0;
        }
        var words = KnowledgeTokenizer.Terms(text);
        words.Sort(StringComparer.Ordinal);
        return Coverage(CollectionsMarshal.AsSpan(words));
    }

    /// <summary>The coverage of a text by its terms, sorted ordinally (repeats allowed).</summary>
    private double Coverage(ReadOnlySpan<string> sortedWords)
    {
        if (_terms.Count == 0)
        {
            return 0;
        }
        var covered = 0.0;
        foreach (var (term, weight) in _terms)
        {
            covered += weight * Match(term, sortedWords);
        }
        return covered / _totalWeight;
    }

    /// <summary>
    /// The one to <paramref name="max"/> sentences of a passage that carry most of the question's weight, in the
    /// passage's order; the passage's first sentences when none does (it matched through its heading).
    /// </summary>
    public IReadOnlyList<string> BestSentences(string text, int max)
    {
        var sentences = Sentences(text).ToList();
        var scored = sentences.Select((s, i) => (Sentence: s, Index: i, Score: Coverage(s))).ToList();
        var chosen = scored.Where(s => s.Score > 0).OrderByDescending(s => s.Score).ThenBy(s => s.Index).Take(max).ToList();
        if (chosen.Count == 0)
        {
            chosen = scored.Take(Math.Min(max, 2)).ToList();
        }
        return chosen.OrderBy(s => s.Index).Select(s => s.Sentence).ToList();
    }

    private static double Match(string term, ReadOnlySpan<string> sortedWords)
    {
        if (sortedWords.BinarySearch(term, StringComparer.Ordinal) >= 0)
        {
            return 1;
        }
        var allowed = ProductSearch.AllowedTypos(term.Length);
        foreach (var word in sortedWords)
        {
            if (IsPrefixOf(term, word) || IsPrefixOf(word, term) ||
                (allowed > 0 && Math.Abs(word.Length - term.Length) <= allowed && ProductSearch.EditDistance(term, word, allowed) <= allowed))
            {
                return NearMatch;
            }
        }
        return 0;
    }

    // Stems the light stemmer left apart ("clarea" / "clareament"): a long enough start and little left over.
    private static bool IsPrefixOf(string shorter, string longer) =>
        shorter.Length >= 4 && longer.Length - shorter.Length <= 3 && longer.StartsWith(shorter, StringComparison.Ordinal);

    /// <summary>Sentences as the chunker cuts them (at . ! ? or a line end followed by a space), list markers dropped.</summary>
    public static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' or '\n' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])))
            {
                if (Clean(text[start..(i + 1)]) is { Length: > 0 } sentence)
                {
                    yield return sentence;
                }
                start = i + 1;
            }
        }
        if (start < text.Length && Clean(text[start..]) is { Length: > 0 } rest)
        {
            yield return rest;
        }
    }

    private static string Clean(string sentence) => sentence.Trim().TrimStart('-', '*', '•', ' ').Trim();
}
