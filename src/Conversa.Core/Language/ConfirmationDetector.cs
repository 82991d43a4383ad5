namespace Conversa.Core.Language;

/// <summary>
/// Reads "sí", "dale", "perfecto", "claro", "sim", "pode ser", "yes", "sure", "ok" as yes; "no", "não", "nope" as
/// no; "no sé", "tal vez", "não sei", "maybe" as unsure — accent- and case-insensitively. The answer is the
/// phrase that starts the message (after fillers such as "ah", "bueno", "well"), the longest one there winning
/// ("no hay problema" is yes, "claro que no" is no); a short message (up to five words) may carry it anywhere
/// ("creo que sí", "para mí está bien"). One-word answers that are also ordinary words count only when nothing but
/// politeness follows them: "si" also means "if" ("si tienen mañana..."), "pode" starts "pode me dizer...?". Thumbs-up and thumbs-down emoji answer when no word does.
/// </summary>
public static class ConfirmationDetector
{
    public const int ShortMessageWords = 5;

    public static IReadOnlyList<string> YesPhrases { get; } = Split(
        // es
        "si|sii|siii|sip|claro|claro que si|por supuesto|dale|de acuerdo|deacuerdo|vale|perfecto|perfecta|listo|lista|ok|okey|" +
        "okay|oki|confirmo|confirmado|confirmada|correcto|correcta|exacto|exactamente|eso es|asi es|esta bien|me parece bien|" +
        "me parece perfecto|me sirve|me va bien|va|sale|obvio|genial|excelente|sin problema|no hay problema|adelante|hagamoslo|" +
        "afirmativo|si por favor|si gracias|si claro|si quiero|si señor|si senora|por favor si|" +
        // pt
        "sim|simm|s|pode ser|pode|pode sim|isso|isso mesmo|isso ai|certo|com certeza|beleza|blz|ta bom|ta certo|ta otimo|fechado|" +
        "combinado|perfeito|perfeita|otimo|otima|confirmado|confirmo|positivo|uhum|aham|sem problema|sem problemas|claro que sim|" +
        "sim por favor|sim obrigado|sim obrigada|bora|vamos|" +
        // en
        "yes|yess|yeah|yea|yep|yup|sure|sure thing|alright|all right|sounds good|sounds great|that works|works for me|perfect|great|" +
        "of course|absolutely|definitely|confirm|confirmed|correct|go ahead|please do|yes please|fine|fine by me|no problem|" +
        "no worries|k|kk|deal|good|pode marcar|pode agendar|pode confirmar");

    public static IReadOnlyList<string> NoPhrases { get; } = Split(
        // es
        "no|nop|noo|nooo|para nada|mejor no|no gracias|no muchas gracias|tampoco|negativo|ninguno|ninguna|claro que no|no puedo|" +
        "no me sirve|no quiero|de ninguna manera|ni loco|ni loca|" +
        // pt
        "nao|naum|n|nao obrigado|nao obrigada|nem|de jeito nenhum|nem pensar|melhor nao|nenhum|nenhuma|claro que nao|nao posso|" +
        "nao quero|" +
        // en
        "nope|nah|no thanks|no thank you|not really|not now|never mind|nevermind|negative|no way|not interested|i dont think so|" +
        "i cant|i can not|i cannot");

    public static IReadOnlyList<string> UnsurePhrases { get; } = Split(
        // es
        "no se|no lo se|tal vez|talvez|quizas|quiza|puede ser|a lo mejor|no estoy seguro|no estoy segura|depende|dejame pensar|" +
        "dejame pensarlo|lo pienso|lo voy a pensar|no sabria|" +
        // pt
        "nao sei|nao tenho certeza|acho que nao sei|vou pensar|deixa eu pensar|sei la|" +
        // en
        "maybe|not sure|im not sure|i dont know|dont know|idk|perhaps|let me think|ill think about it|possibly");

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "ah", "ahh", "oh", "eh", "mm", "mmm", "hmm", "hm", "pues", "bueno", "bom", "entonces", "entao", "well", "uh", "um", "ehh", "ay",
        "ai", "jaja", "jajaja", "haha", "kkk", "kkkk", "lol", "hola", "oi", "hi", "hey", "mira", "olha", "look", "ok", "okay", "vale",
    };

    private static readonly HashSet<string> Politeness = new(StringComparer.Ordinal)
    {
        "por", "favor", "porfa", "porfavor", "gracias", "señor", "senor", "senora", "senorita", "quiero", "confirmo", "claro",
        "dale", "perfecto", "obrigado", "obrigada", "please", "thanks", "thank", "you", "ok", "vale", "de", "acuerdo",
    };

    // One-word answers that are also ordinary words ("si" is "if", "isso é caro?", "pode me dizer...?"): they answer
    // only when nothing but politeness follows them.
    private static readonly HashSet<string> Guarded = new(StringComparer.Ordinal)
    {
        "si", "s", "n", "k", "kk", "va", "sale", "pode", "isso", "good", "great", "fine", "vamos", "bora", "nem", "eso", "listo", "lista",
    };

    // Some are two UTF-16 units, some one: kept as strings.
    private static readonly string[] YesEmoji = ["👍", "👌", "✅", "🙌", "\u2714"];
    private static readonly string[] NoEmoji = ["👎", "❌", "🙅", "\u2716"];

    private static readonly PhraseMatcher<ConfirmationAnswer> Matcher = new(
        YesPhrases.Select(p => (p, ConfirmationAnswer.Yes))
            .Concat(NoPhrases.Select(p => (p, ConfirmationAnswer.No)))
            .Concat(UnsurePhrases.Select(p => (p, ConfirmationAnswer.Unsure))));

    public static ConfirmationAnswer Detect(string? text) => Detect(text, TextTokenizer.Tokenize(text));

    public static ConfirmationAnswer Detect(string? text, IReadOnlyList<TextToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var isShort = tokens.Count(t => !t.IsSeparator) <= ShortMessageWords;
        PhraseHit<ConfirmationAnswer>? chosen = null;
        foreach (var hit in Matcher.Match(tokens))
        {
            if (chosen is { } taken && hit.FirstToken <= taken.LastToken)
            {
                continue; // a shorter phrase inside the one already taken
            }
            if (!Acceptable(tokens, hit, isShort))
            {
                continue;
            }
            if (chosen is not { } first)
            {
                chosen = hit;
                if (!AllFillers(tokens, hit))
                {
                    break;
                }
                continue;
            }
            // "ok, no gracias", "vale no": a filler that happens to mean yes gives way to the answer right after it.
            if (hit.FirstToken == first.LastToken + 1)
            {
                chosen = hit;
            }
            break;
        }
        return chosen?.Value ?? Emoji(text);
    }

    private static bool Acceptable(IReadOnlyList<TextToken> tokens, PhraseHit<ConfirmationAnswer> hit, bool isShort)
    {
        if (hit.TokenCount == 1 && Guarded.Contains(tokens[hit.FirstToken].Text) && !OnlyPolitenessAfter(tokens, hit.LastToken))
        {
            return false;
        }
        if (OnlyFillersBefore(tokens, hit.FirstToken))
        {
            return true;
        }
        // Later in a short message the phrase must end it or end a clause ("creo que sí", "para mí está bien").
        return isShort && (hit.LastToken == tokens.Count - 1 || tokens[hit.LastToken + 1].HasPunctuationBefore);
    }

    private static ConfirmationAnswer Emoji(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ConfirmationAnswer.None;
        }
        if (NoEmoji.Any(e => text.Contains(e, StringComparison.Ordinal)))
        {
            return ConfirmationAnswer.No;
        }
        return YesEmoji.Any(e => text.Contains(e, StringComparison.Ordinal)) ? ConfirmationAnswer.Yes : ConfirmationAnswer.None;
    }

    private static bool OnlyFillersBefore(IReadOnlyList<TextToken> tokens, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (!Fillers.Contains(tokens[i].Text))
            {
                return false;
            }
        }
        return true;
    }

    private static bool AllFillers(IReadOnlyList<TextToken> tokens, PhraseHit<ConfirmationAnswer> hit)
    {
        for (var i = hit.FirstToken; i <= hit.LastToken; i++)
        {
            if (!Fillers.Contains(tokens[i].Text))
            {
                return false;
            }
        }
        return true;
    }

    private static bool OnlyPolitenessAfter(IReadOnlyList<TextToken> tokens, int index)
    {
        for (var i = index + 1; i < tokens.Count; i++)
        {
            if (tokens[i].HasPunctuationBefore && i == index + 1)
            {
                return true; // "si, ..." ends the answer with a comma
            }
            if (!Politeness.Contains(tokens[i].Text))
            {
                return false;
            }
        }
        return true;
    }

    private static string[] Split(string phrases) => phrases.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
