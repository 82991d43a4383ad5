using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Conversa.Api.Tests.Chat.Eval;

/// <summary>
/// How the evaluation compares a reply with an expected fact, whatever the agent's formatting: case and accents
/// folded, thousands separators dropped ("850.000" = "850,000" = "850000"), a decimal comma read as a point, whole
/// amounts without cents ("45.00" = "45"), and
/// clock times written one way ("08:00", "8h", "8 a. m." = "8:00"; "3 pm", "15h" = "15:00").
/// </summary>
public static partial class EvalText
{
    public static string Normalize(string text)
    {
        var folded = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }
        var result = folded.ToString().Replace('\u00a0', ' ').Replace('\u202f', ' ');
        result = Thousands().Replace(result, "");
        result = DecimalComma().Replace(result, ".");
        result = WholeCents().Replace(result, "");
        result = Meridiem().Replace(result, m =>
        {
            var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) % 12;
            if (m.Groups["pm"].Success)
            {
                hour += 12;
            }
            return $"{hour}:{(m.Groups["m"].Success ? m.Groups["m"].Value : "00")}";
        });
        result = HourH().Replace(result, m => $"{int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture)}:{(m.Groups["m"].Success ? m.Groups["m"].Value : "00")}");
        result = LeadingZero().Replace(result, "$1");
        return result;
    }

    public static bool Contains(string reply, string fact) => Normalize(reply).Contains(Normalize(fact), StringComparison.Ordinal);

    /// <summary>Amounts written as money in a reply: "$850.000", "R$ 124.900", "89.90 USD", "45 dólares".</summary>
    public static IEnumerable<decimal> Amounts(string reply)
    {
        foreach (Match match in Money().Matches(reply))
        {
            var digits = match.Groups["a"].Success ? match.Groups["a"].Value : match.Groups["b"].Value;
            if (ParseAmount(digits) is { } amount)
            {
                yield return amount;
            }
        }
    }

    private static decimal? ParseAmount(string text)
    {
        var normalized = DecimalComma().Replace(Thousands().Replace(text.TrimEnd('.', ','), ""), ".");
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) ? amount : null;
    }

    [GeneratedRegex(@"(?<=\d)[.,](?=\d{3}(?!\d))")]
    private static partial Regex Thousands();

    [GeneratedRegex(@"(?<=\d),(?=\d{1,2}(?!\d))")]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"(?<=\d)\.00(?!\d)")]
    private static partial Regex WholeCents();

    [GeneratedRegex(@"\b(?<h>\d{1,2})(?::(?<m>\d{2}))?\s?(?:(?<pm>p\.?\s?m\.?)|a\.?\s?m\.?)(?![a-z])")]
    private static partial Regex Meridiem();

    [GeneratedRegex(@"\b(?<h>\d{1,2})h(?<m>\d{2})?\b")]
    private static partial Regex HourH();

    [GeneratedRegex(@"\b0(\d:\d{2})")]
    private static partial Regex LeadingZero();

    [GeneratedRegex(@"(?:R\$|US\$|\$|€)\s?(?<a>\d[\d.,]*)|(?<b>\d[\d.,]*)\s?(?:COP|BRL|USD|MXN|EUR|reais|pesos|d[oó]lares|dollars)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Money();
}
