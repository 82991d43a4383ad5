using System.Globalization;

namespace Conversa.Core.Catalog;

/// <summary>
/// Prices are exact decimals with up to four decimal places (enough for every ISO 4217 currency). They are
/// stored as whole ten-thousandths in a 64-bit integer, because SQLite has no decimal type: that keeps
/// storage exact and lets both databases compare and sort prices natively.
/// </summary>
public static class Money
{
    public const int Decimals = 4;
    public const decimal MaxAmount = 1_000_000_000_000m;
    private const decimal UnitsPerWhole = 10_000m;

    public static bool HasSupportedPrecision(decimal amount) => decimal.Round(amount, Decimals) == amount;

    public static long ToStored(decimal amount) => (long)decimal.Round(amount * UnitsPerWhole, 0, MidpointRounding.ToZero);

    public static decimal FromStored(long stored) => Normalize(stored / UnitsPerWhole);

    /// <summary>The smallest stored amount not below <paramref name="amount"/>: the exact bound for a <c>min_price</c> filter.</summary>
    public static decimal CeilingToStored(decimal amount) => decimal.Ceiling(amount * UnitsPerWhole) / UnitsPerWhole;

    /// <summary>The largest stored amount not above <paramref name="amount"/>: the exact bound for a <c>max_price</c> filter.</summary>
    public static decimal FloorToStored(decimal amount) => decimal.Floor(amount * UnitsPerWhole) / UnitsPerWhole;

    /// <summary>Drops trailing zeros, so 12.50 and 12.5000 both read back as 12.5.</summary>
    public static decimal Normalize(decimal amount) =>
        decimal.Parse(amount.ToString("0.############################", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Format(decimal amount) => Normalize(amount).ToString(CultureInfo.InvariantCulture);
}
