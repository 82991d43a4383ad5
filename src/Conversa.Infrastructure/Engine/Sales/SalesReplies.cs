using System.Text;
using System.Text.Json.Nodes;

namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>
/// The sales agent's sentences in the customer's language. Every price is the catalog's own, written by
/// <see cref="PriceText"/>; stock is said only when the catalog tracks it; nothing is said that the data does not hold.
/// </summary>
public static class SalesReplies
{
    private const int MaxAttributes = 6;

    public static string One(CatalogItem item, IReadOnlyList<CatalogItem> similar, string? link, string language)
    {
        var text = new StringBuilder(Line(item, language)).Append('.');
        if (item.IsProduct && item.Stock is { } stock)
        {
            text.Append(' ').Append(stock == 0
                ? new Localized("Por ahora está agotado.", "No momento está esgotado.", "It's currently out of stock.").In(language)
                : new Localized($"Quedan {stock} disponibles.", $"Restam {stock} em estoque.", $"{stock} left in stock.").In(language));
        }
        if (Attributes(item.Attributes) is { Length: > 0 } attributes)
        {
            text.Append(' ').Append(new Localized("Detalles", "Detalhes", "Details").In(language)).Append(": ").Append(attributes).Append('.');
        }
        if (link is not null)
        {
            text.Append(' ').Append(new Localized("Más información: ", "Mais informações: ", "More info: ").In(language)).Append(link);
        }
        if (similar.Count > 0)
        {
            text.Append('\n').Append(new Localized("También te puede interesar: ", "Também pode te interessar: ", "You may also like: ").In(language))
                .Append(string.Join("; ", similar.Select(s => Line(s, language)))).Append('.');
        }
        return text.ToString();
    }

    public static string Several(CatalogMatch match, string language) =>
        List(new Localized("Encontré estas opciones:", "Encontrei estas opções:", "I found these options:").In(language), match, language) +
        "\n" + new Localized("¿Cuál te interesa?", "Qual te interessa?", "Which one are you interested in?").In(language);

    public static string Category(CatalogMatch match, string language)
    {
        var intro = match.Total > match.Items.Count
            ? new Localized($"Estos son {match.Items.Count} de los {match.Total} que tenemos en {match.Category}:",
                $"Estes são {match.Items.Count} dos {match.Total} que temos em {match.Category}:",
                $"Here are {match.Items.Count} of the {match.Total} we have in {match.Category}:")
            : new Localized($"En {match.Category} tenemos:", $"Em {match.Category} temos:", $"In {match.Category} we have:");
        return List(intro.In(language), match, language) + "\n" +
            new Localized("¿Quieres más detalles de alguno?", "Quer mais detalhes de algum?", "Would you like details on any of them?").In(language);
    }

    public static string Overview(CatalogMatch match, string language) =>
        List(new Localized("Estos son algunos de nuestros productos y servicios:", "Estes são alguns dos nossos produtos e serviços:",
            "Here are some of our products and services:").In(language), match, language) + "\n" +
        new Localized("¿Sobre cuál quieres saber más?", "Sobre qual você quer saber mais?", "Which one would you like to know more about?").In(language);

    public static string NotInCatalog(IReadOnlyList<string> terms, bool emptyCatalog, string language)
    {
        if (emptyCatalog)
        {
            return new Localized("Todavía no tengo productos ni precios publicados.", "Ainda não tenho produtos nem preços publicados.",
                "I don't have any products or prices published yet.").In(language);
        }
        var what = string.Join(' ', terms);
        return new Localized($"No encontré «{what}» en nuestro catálogo.", $"Não encontrei «{what}» no nosso catálogo.",
            $"I couldn't find \"{what}\" in our catalog.").In(language);
    }

    /// <summary>"Limpieza facial: 120.000 COP (agotado)" — a service also says how long it takes.</summary>
    private static string Line(CatalogItem item, string language)
    {
        var price = item.Price is { } amount
            ? PriceText.Format(amount, item.Currency, language)
            : new Localized("precio a consultar con el equipo", "preço a consultar com a equipe", "price on request from the team").In(language);
        var line = item.Name + ": " + price;
        if (item.DurationMinutes is { } minutes)
        {
            line += $" ({minutes} min)";
        }
        if (item.OutOfStock)
        {
            line += new Localized(" (agotado)", " (esgotado)", " (out of stock)").In(language);
        }
        return line;
    }

    private static string List(string intro, CatalogMatch match, string language)
    {
        var text = new StringBuilder(intro);
        foreach (var item in match.Items)
        {
            text.Append("\n• ").Append(Line(item, language));
        }
        if (match.Total > match.Items.Count && match.Kind != CatalogMatchKind.Category)
        {
            var more = match.Total - match.Items.Count;
            text.Append('\n').Append(new Localized($"…y {more} más.", $"…e mais {more}.", $"…and {more} more.").In(language));
        }
        return text.ToString();
    }

    /// <summary>"año: 2021, km: 45000" from the product's attributes (scalars and lists of scalars).</summary>
    private static string Attributes(JsonObject attributes) =>
        string.Join(", ", attributes
            .Select(a => (Key: a.Key.Replace('_', ' '), Value: a.Value switch
            {
                JsonValue scalar => scalar.ToString(),
                JsonArray list when list.All(e => e is JsonValue) => string.Join(", ", list.Select(e => e!.ToString())),
                _ => null,
            }))
            .Where(a => !string.IsNullOrWhiteSpace(a.Value))
            .Take(MaxAttributes)
            .Select(a => a.Key + ": " + a.Value));
}
