using System.Globalization;

namespace Conversa.Benchmarks;

/// <summary>A change in %, with the interquartile range of the per-round changes it is the median of.</summary>
public sealed record Change(double Median, double Low, double High)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Median:+0.0;-0.0;0.0}% ({Low:+0;-0;0}…{High:+0;-0;0}%)");
}
