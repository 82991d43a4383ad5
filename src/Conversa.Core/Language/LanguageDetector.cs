using System.Globalization;

namespace Conversa.Core.Language;

/// <summary>
/// Tells Spanish, Portuguese and English apart in short chat messages ("hola", "oi, tudo bem?", "hi there",
/// "quanto custa", "cuánto cuesta"), accents or not. Each folded word that marks a language adds its weight
/// (function words and chat words: "você", "obrigado", "gracias", "the"; words two languages share add to
/// both), and letters and endings add theirs (ñ ¿ ¡ → es; ã õ ç "-ção" "nh" "lh" → pt; "th" "w" "-ing" → en).
/// The best language wins when it has enough evidence and a clear share; otherwise the fallback is used,
/// which also wins ties it takes part in.
/// </summary>
public static class LanguageDetector
{
    /// <summary>Below this much evidence the message is not read as any language (a lone "ok", "5", "👍").</summary>
    public const double MinimumEvidence = 1.5;

    /// <summary>The best language must hold at least this share of all the evidence.</summary>
    public const double MinimumShare = 0.55;

    private const int Es = 0;
    private const int Pt = 1;
    private const int En = 2;
    private static readonly string[] Codes = [SupportedLanguages.Spanish, SupportedLanguages.Portuguese, SupportedLanguages.English];

    private static readonly Dictionary<string, (double Es, double Pt, double En)> Words = BuildWords();

    public static LanguageDetection Detect(string? text, string? fallback = null)
    {
        var fallbackCode = SupportedLanguages.Normalize(fallback);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new LanguageDetection(fallbackCode, 0, true, null);
        }
        var scores = new double[3];
        foreach (var token in TextTokenizer.Tokenize(text))
        {
            if (token.IsWord && Words.TryGetValue(token.Text, out var weights))
            {
                scores[Es] += weights.Es;
                scores[Pt] += weights.Pt;
                scores[En] += weights.En;
            }
        }
        AddLetterEvidence(text, scores);

        var best = 0;
        for (var i = 1; i < 3; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }
        var total = scores[Es] + scores[Pt] + scores[En];
        if (scores[best] < MinimumEvidence)
        {
            return new LanguageDetection(fallbackCode, 0, true, scores[best] > 0 ? Codes[best] : null);
        }
        var fallbackIndex = Array.IndexOf(Codes, fallbackCode);
        if (fallbackIndex != best && scores[fallbackIndex] >= scores[best])
        {
            best = fallbackIndex;
        }
        var share = scores[best] / total;
        // A single clear word ("hola") is enough; confidence grows with the evidence up to about two such words.
        var confidence = Math.Round(share * Math.Min(1.0, scores[best] / 4.0), 2);
        return share < MinimumShare
            ? new LanguageDetection(fallbackCode, confidence, true, Codes[best])
            : new LanguageDetection(Codes[best], confidence, false, Codes[best]);
    }

    private static void AddLetterEvidence(string text, double[] scores)
    {
        var lower = text.ToLower(CultureInfo.InvariantCulture);
        foreach (var c in lower)
        {
            switch (c)
            {
                case 'ñ' or '¿' or '¡':
                    scores[Es] += 3;
                    break;
                case 'ã' or 'õ':
                    scores[Pt] += 3;
                    break;
                case 'ç' or 'ê' or 'ô' or 'â':
                    scores[Pt] += 1.5;
                    break;
                case 'w' or 'k':
                    scores[En] += 0.5;
                    break;
            }
        }
        foreach (var word in lower.Split([' ', ',', '.', '?', '!', ';', ':', '\n', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Words.ContainsKey(Knowledge.TextFolding.Fold(word)))
            {
                continue; // already weighed as a word
            }
            if (word.EndsWith("ción", StringComparison.Ordinal) || word.EndsWith("ciones", StringComparison.Ordinal) || word.EndsWith("cion", StringComparison.Ordinal))
            {
                scores[Es] += 1.5;
            }
            else if (word.EndsWith("ção", StringComparison.Ordinal) || word.EndsWith("ções", StringComparison.Ordinal) || word.EndsWith("cao", StringComparison.Ordinal) || word.EndsWith("coes", StringComparison.Ordinal))
            {
                scores[Pt] += 1.5;
            }
            else if (word.EndsWith("ing", StringComparison.Ordinal) || word.EndsWith("tion", StringComparison.Ordinal))
            {
                scores[En] += 1;
            }
            if (word.Contains("nh", StringComparison.Ordinal) || word.Contains("lh", StringComparison.Ordinal))
            {
                scores[Pt] += 1;
            }
            if (word.Contains("th", StringComparison.Ordinal) || word.Contains("sh", StringComparison.Ordinal))
            {
                scores[En] += 1;
            }
            if (word.Contains("ll", StringComparison.Ordinal) || word.Contains("ue", StringComparison.Ordinal))
            {
                scores[Es] += 0.5;
            }
        }
    }

    private static Dictionary<string, (double, double, double)> BuildWords()
    {
        var words = new Dictionary<string, (double Es, double Pt, double En)>(StringComparer.Ordinal);
        void Add(string list, double es, double pt, double en)
        {
            foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words[word] = (es, pt, en);
            }
        }
        // Folded words that belong to one language only: greetings, chat words, function words.
        Add("hola holi gracias muchas muchisimas quiero quisiera necesito yo disculpa disculpe cierran cierra cuanto cuanta cuantos cuantas cuesta cuestan " +
            "usted tienen tienes tiene puedo puedes podria podrian el los las del al y pero muy mucho " +
            "tambien hoy ayer manana pasado siguiente estoy soy tengo llamo mi mis su sus una un con en nosotros ellos " +
            "ellas hay hacer bueno buenos buenas perfecto dale cita citas precio precios donde cual cuales " +
            "disponible disponibilidad ahora alla esto eso porfa adios chao hasta luego lunes martes miercoles jueves " +
            "viernes mediodia senor senora ninguno quizas despues ya cierto pregunta ayuda llamar hablar persona ese esa " +
            "sobre tomar reservar cancelar cambiar favor si aceptan tarjeta efectivo pago sesion sesiones ustedes vosotros " +
            "quisieramos necesitamos tenemos fue puede pueden hacen haces sabe nuevo " +
            "nueva cuando algun alguna alguien gusta gustaria encanta dolor doctora tratamiento tratamientos " +
            "cara piel cuerpo hijo hija esposo trabajo ahorita oye mira pues entonces bien mejor peor", 2, 0, 0);
        Add("oi ola obrigado obrigada obg valeu voce vc vcs tudo quanto quanta quantos quantas custa custam custo " +
            "nao sim tem tenho temos quero preciso gostaria posso pode podem meu minha meus minhas seu sua um uma com " +
            "em na nas ao aos e isso isto esse essa aquele muito muita beleza hoje ontem amanha depois agora consulta " +
            "preco precos horario marcar tchau ate logo bom boa noite manha segunda terca quarta quinta sexta feira falar " +
            "atendente ajuda pessoa entao tambem sei mais qual onde quando fazer eles perfeito disponivel pergunta aceitam cartao " +
            "dinheiro pagamento sessao sessoes voces foi fazem faz novo nova algum alguma " +
            "alguem gosto gostei adoro dor doutor doutora tratamento tratamentos rosto pele corpo filho filha marido " +
            "trabalho olha bem melhor pior legal demais gente nossa cade pra pro eu certo otimo fechou desculpa desculpe fecham aceita pix", 0, 2, 0);
        Add("the an is are am i you your my we our what how much many hi hello hey thanks thank please yes can does have " +
            "want need would like to for of and it this that at on in tomorrow today next book appointment price cost " +
            "costs open when where which hours good morning afternoon evening night sure bye goodbye monday tuesday " +
            "wednesday thursday friday saturday sunday with about available schedule cancel help im dont whats could " +
            "should will just be any some get there accept card cash payment pay session sessions they them their was were " +
            "been see know new doctor clinic treatment treatments face skin body son daughter husband wife work look well " +
            "better worse same nice great thing things who why because from here sorry", 0, 0, 2);
        // Shared by Spanish and Portuguese: they count for both, so they never decide between the two.
        Add("que de por para como porque mas sin esta este estos estas todo todos nos dia dias hora horas semana sabado " +
            "domingo tarde proximo proxima aqui claro tal vez algo nada antes se te lo clinica esposa estamos igual mal pagar " +
            "podemos saber somos ver cara", 1, 1, 0);
        // "queria", "cancelar" and "reservar" are Portuguese as often as Spanish ("eu queria cancelar"); the chat contraction "tá" leans Portuguese.
        Add("queria cancelar reservar", 1, 1, 0);
        Add("ta", 0.5, 1.5, 0);
        Add("doctor", 1, 0, 1);
        Add("dos", 1, 1, 0);
        Add("da", 0.5, 1.5, 0);
        Add("vale", 1.5, 0.5, 0);
        Add("no me", 1, 1, 1);
        Add("ok okay", 0.3, 0.3, 0.3);
        // Words strong enough to settle a short message on their own.
        Add("hola gracias usted cuanto cuesta quiero", 3, 0, 0);
        Add("oi obrigado obrigada voce tudo nao quanto custa quero", 0, 3, 0);
        Add("the hi hello thanks how what you", 0, 0, 3);
        return words;
    }
}
