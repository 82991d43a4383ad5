using System.Globalization;
using Conversa.Core.Catalog;
using Conversa.Core.Language;

namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>
/// A price as the assistant writes it: the exact stored amount (<see cref="Money.Normalize"/>, never rounded), digits
/// grouped as the customer reads them, then the ISO code — "850.000 COP" and "12,50 USD" in Spanish and Portuguese,
/// "850,000 COP" and "12.50 USD" in English. Cents show as two digits; finer amounts keep every digit they have.
/// </summary>
public static class PriceText
{
    private static readonly NumberFormatInfo Latin = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };
    private static readonly NumberFormatInfo English = new() { NumberGroupSeparator = ",", NumberDecimalSeparator = "." };

    public static string Format(decimal amount, string currency, string language)
    {
        var exact = Money.Normalize(amount);
        var format = decimal.Truncate(exact) == exact ? "#,##0" : "#,##0.00##";
        var numbers = language == SupportedLanguages.English ? English : Latin;
        return exact.ToString(format, numbers) + " " + currency;
    }
}
