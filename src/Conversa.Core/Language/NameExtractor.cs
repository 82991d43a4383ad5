using System.Globalization;
using Conversa.Core.Knowledge;

namespace Conversa.Core.Language;

/// <summary>
/// The customer's own name after "me llamo", "mi nombre es", "meu nome é", "me chamo", "my name is", "call me":
/// up to four words, stopping at punctuation or a function word ("me llamo Ana y quiero..." → "Ana"), keeping
/// particles inside ("María de los Ángeles"). After the looser "soy", "sou", "I'm", "I am", "this is" the first
/// word must be capitalised, so "soy nueva" or "I'm interested" give nothing. Names typed all lower or upper case
/// come back title-cased ("juan pérez" → "Juan Pérez").
/// </summary>
public static class NameExtractor
{
    public const int MaxWords = 4;

    private static readonly PhraseMatcher<bool> Triggers = new(
        new[]
        {
            "me llamo", "mi nombre es", "mi nombre", "me dicen", "meu nome e", "meu nome", "me chamo", "my name is", "my names",
            "call me", "name is",
        }.Select(p => (p, true))
        .Concat(new[] { "soy", "sou", "eu sou", "im", "i am", "this is", "aqui es", "habla", "fala", "aqui e" }.Select(p => (p, false))));

    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "de", "del", "la", "las", "los", "da", "das", "do", "dos", "van", "von", "di", "e", "y",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "nuevo", "nueva", "cliente", "paciente", "interesado", "interesada", "alergico", "alergica", "novo", "nova", "interested",
        "looking", "calling", "writing", "new", "here", "from", "sorry", "not", "just", "asking", "trying", "going", "bien", "bem",
        "fine", "good", "ok", "okay", "botox",
    };

    public static PersonName? Extract(string? text) => Extract(text, TextTokenizer.Tokenize(text));

    public static PersonName? Extract(string? text, IReadOnlyList<TextToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        foreach (var hit in Triggers.Match(tokens))
        {
            var strong = hit.Value;
            var start = hit.LastToken + 1;
            // "sou a Fernanda", "soy la Dra. Pérez": an article before a capitalised name is not part of it.
            if (start + 1 < tokens.Count && tokens[start].Text is "a" or "o" or "la" or "el" && char.IsUpper(text[tokens[start + 1].Start]))
            {
                start++;
            }
            var words = new List<TextToken>();
            for (var i = start; i < tokens.Count && words.Count < MaxWords; i++)
            {
                var token = tokens[i];
                if (!token.IsWord || (i > start && token.HasPunctuationBefore))
                {
                    break;
                }
                var capitalised = char.IsUpper(text[token.Start]);
                if (words.Count == 0 && (NotNames.Contains(token.Text) || (!strong && !capitalised)))
                {
                    break;
                }
                if (Particles.Contains(token.Text) && words.Count > 0)
                {
                    // Inside a name only when a capitalised word follows: "María de los Ángeles", not "Ana y quiero".
                    var next = i + 1;
                    while (next < tokens.Count && Particles.Contains(tokens[next].Text) && !tokens[next].HasPunctuationBefore)
                    {
                        next++;
                    }
                    if (next < tokens.Count && !tokens[next].HasPunctuationBefore && tokens[next].IsWord && char.IsUpper(text[tokens[next].Start]))
                    {
                        words.AddRange(tokens.Skip(i).Take(next - i));
                        i = next - 1;
                        continue;
                    }
                    break;
                }
                if (StopWords.Contains(token.Text) || NotNames.Contains(token.Text))
                {
                    break;
                }
                words.Add(token);
            }
            while (words.Count > 0 && Particles.Contains(words[^1].Text))
            {
                words.RemoveAt(words.Count - 1);
            }
            if (words.Count > 0)
            {
                var span = TextSpan.Between(words[0].Start, words[^1].End);
                return new PersonName(string.Join(' ', words.Select(w => Tidy(text[w.Start..w.End]))), span);
            }
        }
        return null;
    }

    private static string Tidy(string word)
    {
        if (word.Length == 0 || (word.Any(char.IsUpper) && word.Any(char.IsLower)))
        {
            return word; // typed with care ("McDonald", "María"): keep it
        }
        var lower = word.ToLower(CultureInfo.InvariantCulture);
        return lower is "de" or "del" or "la" or "las" or "los" or "da" or "das" or "do" or "dos" or "van" or "von" or "di" or "e" or "y"
            ? lower
            : char.ToUpper(lower[0], CultureInfo.InvariantCulture) + lower[1..];
    }
}
