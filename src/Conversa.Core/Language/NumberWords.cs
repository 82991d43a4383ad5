namespace Conversa.Core.Language;

/// <summary>
/// Numbers written as words in Spanish, Portuguese and English, 0 to 100 ("tres", "veinticinco", "vinte e cinco",
/// "twenty-five"), read from folded tokens. Some words are numbers in one language and common words in another
/// ("dos" is "of the" in Portuguese, "once" is an adverb in English, "doce" is "sweet" in Portuguese): with a
/// language given only that language's numbers count; without one every word counts, which callers use only
/// where the context already says a number comes ("a las dos", "en dos horas").
/// </summary>
public static class NumberWords
{
    private const int Es = 1;
    private const int Pt = 2;
    private const int En = 4;

    private static readonly Dictionary<string, (int Value, int Languages)> Units = Build(
        (Es, "cero:0 uno:1 un:1 una:1 dos:2 tres:3 cuatro:4 cinco:5 seis:6 siete:7 ocho:8 nueve:9 diez:10 once:11 doce:12 " +
             "trece:13 catorce:14 quince:15 dieciseis:16 diecisiete:17 dieciocho:18 diecinueve:19 veintiuno:21 veintiun:21 " +
             "veintiuna:21 veintidos:22 veintitres:23 veinticuatro:24 veinticinco:25 veintiseis:26 veintisiete:27 " +
             "veintiocho:28 veintinueve:29 cien:100 ciento:100"),
        (Pt, "zero:0 um:1 uma:1 dois:2 duas:2 tres:3 quatro:4 cinco:5 seis:6 sete:7 oito:8 nove:9 dez:10 onze:11 doze:12 " +
             "treze:13 catorze:14 quatorze:14 quinze:15 dezesseis:16 dezasseis:16 dezessete:17 dezassete:17 dezoito:18 " +
             "dezenove:19 dezanove:19 cem:100 cento:100"),
        (En, "zero:0 one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11 twelve:12 thirteen:13 " +
             "fourteen:14 fifteen:15 sixteen:16 seventeen:17 eighteen:18 nineteen:19 hundred:100"));

    private static readonly Dictionary<string, (int Value, int Languages)> Tens = Build(
        (Es, "veinte:20 treinta:30 cuarenta:40 cincuenta:50 sesenta:60 setenta:70 ochenta:80 noventa:90"),
        (Pt, "vinte:20 trinta:30 quarenta:40 cinquenta:50 sessenta:60 setenta:70 oitenta:80 noventa:90"),
        (En, "twenty:20 thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 ninety:90"));

    /// <summary>Whether the folded word is a number word in any of the three languages.</summary>
    public static bool IsNumberWord(string word) => Units.ContainsKey(word) || Tens.ContainsKey(word);

    /// <summary>Reads a number word (or "tens and unit") at <paramref name="index"/>; <paramref name="count"/> is the tokens used.</summary>
    public static bool TryRead(IReadOnlyList<TextToken> tokens, int index, string? language, out int value, out int count)
    {
        value = 0;
        count = 0;
        if (index >= tokens.Count)
        {
            return false;
        }
        var languages = language switch
        {
            SupportedLanguages.Spanish => Es,
            SupportedLanguages.Portuguese => Pt,
            SupportedLanguages.English => En,
            _ => Es | Pt | En,
        };
        var word = tokens[index].Text;
        if (Units.TryGetValue(word, out var unit) && (unit.Languages & languages) != 0)
        {
            value = unit.Value;
            count = 1;
            return true;
        }
        if (!Tens.TryGetValue(word, out var ten) || (ten.Languages & languages) == 0)
        {
            return false;
        }
        value = ten.Value;
        count = 1;
        // "treinta y cinco", "vinte e cinco", "twenty-five" / "twenty five".
        var next = index + 1;
        if (next < tokens.Count && tokens[next].Text is "y" or "e" && !tokens[next].HasPunctuationBefore)
        {
            next++;
        }
        if (next < tokens.Count && !tokens[next].HasPunctuationBefore && Units.TryGetValue(tokens[next].Text, out var rest)
            && rest.Value is >= 1 and <= 9 && (rest.Languages & ten.Languages) != 0)
        {
            value += rest.Value;
            count = next - index + 1;
        }
        return true;
    }

    private static Dictionary<string, (int Value, int Languages)> Build(params (int Language, string Entries)[] tables)
    {
        var words = new Dictionary<string, (int Value, int Languages)>(StringComparer.Ordinal);
        foreach (var (language, entries) in tables)
        {
            foreach (var entry in entries.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = entry.IndexOf(':', StringComparison.Ordinal);
                var word = entry[..colon];
                var value = int.Parse(entry.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
                words[word] = words.TryGetValue(word, out var known) ? (known.Value, known.Languages | language) : (value, language);
            }
        }
        return words;
    }
}
