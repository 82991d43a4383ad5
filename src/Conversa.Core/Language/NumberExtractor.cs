using System.Globalization;
using Conversa.Core.Knowledge;

namespace Conversa.Core.Language;

/// <summary>
/// Numbers and quantities in a message. Digits may carry a thousands separator or a decimal part: a separator
/// followed by exactly three digits groups thousands ("1.500", "1,500" → 1500), otherwise it is decimal ("2,5",
/// "2.5"); in English a dot is always decimal. Number words count in the message's language only ("dos" is two
/// in Spanish, "of the" in Portuguese); "una docena"/"uma dúzia"/"a dozen" is 12 and "un par"/"um par"/"a couple"
/// is 2. Articles ("un", "una", "a") alone are not counted. Left out: digits in times and dates ("15:30", "5/12"),
/// and runs of seven or more digits, which are phone numbers or codes (<see cref="PhoneExtractor"/>).
/// </summary>
public static class NumberExtractor
{
    public static IReadOnlyList<NumberMatch> Extract(string? text, string? language = null) =>
        Extract(text, TextTokenizer.Tokenize(text), language);

    public static IReadOnlyList<NumberMatch> Extract(string? text, IReadOnlyList<TextToken> tokens, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var numbers = new List<NumberMatch>();
        if (string.IsNullOrEmpty(text))
        {
            return numbers;
        }
        var code = language is null ? null : SupportedLanguages.Normalize(language, "");
        code = code is "" ? null : code;
        var phones = PhoneExtractor.Extract(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            decimal value;
            int last;
            var start = tokens[i].Start;
            if (phones.Any(p => start >= p.Span.Start && start < p.Span.End))
            {
                continue;
            }
            if (tokens[i].IsNumber)
            {
                if (!ReadDigits(tokens, i, code, out value, out last))
                {
                    i = SkipNumberRun(tokens, i);
                    continue;
                }
            }
            else if (ReadWords(tokens, i, code, out value, out last) is false)
            {
                continue;
            }
            var unit = last + 1 < tokens.Count && tokens[last + 1] is { IsWord: true, HasPunctuationBefore: false } next
                && !StopWords.Contains(next.Text) && !Ordinal(next.Text)
                ? text[next.Start..next.End]
                : null;
            numbers.Add(new NumberMatch(value, unit, TextSpan.Between(tokens[i].Start, tokens[last].End)));
            i = last;
        }
        return numbers;
    }

    private static bool ReadDigits(IReadOnlyList<TextToken> tokens, int i, string? language, out decimal value, out int last)
    {
        value = 0;
        last = i;
        var integer = tokens[i].Text;
        var fraction = "";
        var j = i;
        // Thousands groups: "1.500.000", "1,500".
        while (j + 2 < tokens.Count && tokens[j + 1].Text is "." or "," && tokens[j + 2].IsNumber && tokens[j + 2].Text.Length == 3
            && tokens[i].Text.Length <= 3 && !(language == SupportedLanguages.English && tokens[j + 1].Text == "."))
        {
            integer += tokens[j + 2].Text;
            j += 2;
        }
        if (j + 2 < tokens.Count && tokens[j + 1].Text is "." or "," && tokens[j + 2].IsNumber)
        {
            fraction = tokens[j + 2].Text;
            j += 2;
        }
        // A time, a date, a phone number or a code is not a quantity.
        if (j + 1 < tokens.Count && tokens[j + 1].IsSeparator || (i > 0 && tokens[i - 1].IsSeparator) || tokens[i].Text.Length >= 7)
        {
            return false;
        }
        last = j;
        value = decimal.Parse(fraction.Length > 0 ? integer + "." + fraction : integer, CultureInfo.InvariantCulture);
        return true;
    }

    private static int SkipNumberRun(IReadOnlyList<TextToken> tokens, int i)
    {
        while (i + 2 < tokens.Count && tokens[i + 1].IsSeparator && tokens[i + 2].IsNumber)
        {
            i += 2;
        }
        return i;
    }

    private static bool ReadWords(IReadOnlyList<TextToken> tokens, int i, string? language, out decimal value, out int last)
    {
        value = 0;
        last = i;
        var word = tokens[i].Text;
        // "una docena", "uma dúzia", "a dozen", "media docena", "half a dozen".
        if (word is "docena" or "docenas" or "duzia" or "duzias" or "dozen" && i > 0)
        {
            return false; // read from the word before it below
        }
        if (Dozen(tokens, i, out value, out last) || Couple(tokens, i, out value, out last))
        {
            return true;
        }
        if (word is "un" or "una" or "uno" or "um" or "uma" || language is null && word is "dos" or "once" or "doce")
        {
            return false; // articles, and words that are numbers only in one language
        }
        if (!NumberWords.TryRead(tokens, i, language, out var number, out var count))
        {
            return false;
        }
        value = number;
        last = i + count - 1;
        if (Dozen(tokens, last + 1, out var dozens, out var dozenLast) && dozens == 12)
        {
            value = number * 12;
            last = dozenLast;
        }
        return true;
    }

    private static bool Dozen(IReadOnlyList<TextToken> tokens, int i, out decimal value, out int last)
    {
        value = 0;
        last = i;
        if (i >= tokens.Count)
        {
            return false;
        }
        var half = tokens[i].Text is "media" or "meia" or "half";
        var j = i;
        if (half && j + 1 < tokens.Count && tokens[j + 1].Text == "a")
        {
            j++;
        }
        if (half || tokens[i].Text is "una" or "uma" or "a")
        {
            j++;
        }
        if (j >= tokens.Count || tokens[j].Text is not ("docena" or "docenas" or "duzia" or "duzias" or "dozen" or "dozens"))
        {
            return false;
        }
        value = half ? 6 : 12;
        last = j;
        return true;
    }

    private static bool Couple(IReadOnlyList<TextToken> tokens, int i, out decimal value, out int last)
    {
        value = 2;
        last = i + 1;
        return i + 1 < tokens.Count && tokens[i].Text is "un" or "um" or "a" && tokens[i + 1].Text is "par" or "couple" or "pair";
    }

    private static bool Ordinal(string word) => word is "st" or "nd" or "rd" or "th" or "o" or "a" or "º" or "ª";
}
