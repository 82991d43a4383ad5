using System.Text;
using Conversa.Core.Catalog;
using Conversa.Core.Knowledge;
using Conversa.Core.Language;

namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>
/// What a sales question is about, without the asking: "¿cuánto cuesta la limpieza facial?" → <c>limpieza facial</c>,
/// "do you have any SUVs?" → <c>suvs</c>. Price and stock words, "tienen", "do you have", courtesy and function words
/// are found with the language layer's <see cref="PhraseMatcher{T}"/> (stems, prefixes) and dropped; what is left are
/// <see cref="ProductSearch"/> terms. An empty result means the customer asked about the catalog in general.
/// </summary>
public static class SalesQuery
{
    private const string Asking =
        // Spanish
        "cuanto cuest*|cuanto vale*|cuanto sale*|cuanto cobran|cuanto es|cuanto|cuantos|precio*|tarifa*|costo*|coste|valor|vale|cuesta*|" +
        "tienen|tienes|tiene|tendran|hay|venden|vendes|vende|manejan|manejas|disponible*|stock|existencia*|informacion|info|" +
        "quiero|quisiera|queria|me gustaria|gustaria|saber|puedes|podrias|puede|dar|decir|dime|me das|me pasas|pasame|muestrame|" +
        "mostrar|ver|busco|buscando|necesito|interesa*|hola|buenas|buenos dias|buenas tardes|buenas noches|por favor|gracias|" +
        "que|cual|cuales|algun*|otro*|catalogo|producto*|servicio*|opciones|ofrecen|todo|todos|" +
        // Portuguese
        "quanto custa*|quanto e|quanto fica|quanto sai|quanto|quantos|preco*|valor|valores|custa|custam|voces tem|vcs tem|=tem|vendem|" +
        "disponive*|estoque|informaca*|quero|gostaria|pode|poderia|me passa|me manda|mostra|mostrar|mostre|procuro|preciso|interessa*|oi|ola|" +
        "bom dia|boa tarde|boa noite|obrigad*|quais|qual|algum*|outro*|produto*|servico*|opcoes|oferecem|" +
        // English
        "how much|price|prices|pricing|priced|cost|costs|fee|fees|quote|do you have|do you sell|do you carry|have|sell|carry|available|in stock|stock|" +
        "what|which|does|do|you|your|want|would like|like|need|looking for|looking|show me|show|tell me|tell|about|please|hi|" +
        "hello|thanks|any|some|information|catalog|catalogue|product|products|service|services|options|offer|there|got|much";

    private static readonly PhraseMatcher<bool> Matcher =
        new(Asking.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => (p, true)));

    /// <summary>The terms of <paramref name="text"/> once the asking is blanked out of it (so "RAV4" stays one word).</summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        var tokens = TextTokenizer.Tokenize(text);
        var rest = new StringBuilder(text);
        foreach (var hit in Matcher.Match(tokens))
        {
            for (var i = hit.FirstToken; i <= hit.LastToken; i++)
            {
                for (var c = tokens[i].Start; c < tokens[i].End; c++)
                {
                    rest[c] = ' ';
                }
            }
        }
        return ProductSearch.Terms(rest.ToString()).Where(t => !StopWords.Contains(t)).ToList();
    }
}
