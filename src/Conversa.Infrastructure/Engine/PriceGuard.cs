using System.Globalization;
using System.Text.RegularExpressions;
using Conversa.Core.Catalog;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// Every price in a reply must match the catalog: a model phrasing a turn may still write an amount no tool gave it.
/// An amount counts as a price when a currency stands next to it ("850.000 COP", "$ 1,200.50", "R$ 120,00", "35 €",
/// "40 dólares"); it is known when it equals a price of the tenant's catalog or a number the turn's tools returned (a
/// knowledge passage may name a fee). Separators are read both ways ("1.200" is 1200 in Spanish, "1,200.50" in
/// English), and either reading may match. Times, dates and quantities carry no currency and are not checked.
/// </summary>
public static partial class PriceGuard
{
    /// <summary>The first price in <paramref name="reply"/> that is neither a catalog price nor a number the tools returned.</summary>
    public static string? FirstUnknown(string reply, IEnumerable<decimal> catalogPrices, IEnumerable<string> toolOutputs)
    {
        HashSet<decimal>? known = null;
        foreach (Match price in Price().Matches(reply))
        {
            if (!price.Groups["before"].Success && !price.Groups["after"].Success)
            {
                continue;
            }
            known ??= Known(catalogPrices, toolOutputs);
            if (!Readings(price.Groups["number"].Value).Any(known.Contains))
            {
                return price.Value.Trim();
            }
        }
        return null;
    }

    private static HashSet<decimal> Known(IEnumerable<decimal> catalogPrices, IEnumerable<string> toolOutputs)
    {
        var known = catalogPrices.Select(Money.Normalize).ToHashSet();
        foreach (var output in toolOutputs)
        {
            foreach (Match number in Number().Matches(output))
            {
                known.UnionWith(Readings(number.Value));
            }
        }
        return known;
    }

    /// <summary>The values a written number may mean: separators as thousands, or the last one as the decimal point.</summary>
    private static IEnumerable<decimal> Readings(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is 0 or > 20)
        {
            yield break;
        }
        var whole = decimal.Parse(digits, CultureInfo.InvariantCulture);
        yield return whole;
        var last = number.LastIndexOfAny(['.', ',']);
        if (last >= 0)
        {
            var decimals = number.Length - last - 1;
            yield return Money.Normalize(whole / (decimal)Math.Pow(10, decimals));
        }
    }

    [GeneratedRegex(@"(?<before>(?:R\$|US\$|\$|€|£|\b(?:COP|USD|EUR|MXN|BRL|ARS|CLP|PEN|GBP)\b)\s?)?(?<number>\d{1,3}(?:[.,\u00A0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?<after>\s?(?:€|\b(?:COP|USD|EUR|MXN|BRL|ARS|CLP|PEN|GBP|pesos?|reais|real|d[oó]lar(?:es)?|dollars?|euros?)\b))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Price();

    [GeneratedRegex(@"\d[\d.,]*\d|\d")]
    private static partial Regex Number();
}
