using System.Globalization;

namespace Conversa.Benchmarks;

/// <summary>
/// A variant over all its rounds: the median round, and the best round (highest throughput, lowest CPU per
/// request). Other work on the machine only ever makes a round slower, so the best round is the least disturbed.
/// </summary>
public sealed record VariantResult(string Name, IReadOnlyList<LoadResult> Rounds)
{
    public const string Header = """
        | run | req/s median | req/s best | p50 ms | p99 ms | errors | CPU µs/req median | CPU µs/req best | alloc KB/req | CPU/req vs reference: median | best |
        |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
        """;

    public double RequestsPerSecond => Median(Rounds.Select(r => r.RequestsPerSecond));
    public double BestRequestsPerSecond => Rounds.Max(r => r.RequestsPerSecond);
    public double CpuMicrosecondsPerRequest => Median(Rounds.Select(r => r.CpuMicrosecondsPerRequest));
    public double BestCpuMicrosecondsPerRequest => Rounds.Min(r => r.CpuMicrosecondsPerRequest);
    public double AllocatedBytesPerRequest => Median(Rounds.Select(r => r.AllocatedBytesPerRequest));
    public long Errors => Rounds.Sum(r => r.Errors);

    /// <summary>Latencies of the round with the median throughput.</summary>
    private LoadResult MedianRound => Rounds.OrderBy(r => r.RequestsPerSecond).ElementAt(Rounds.Count / 2);

    /// <summary>CPU time per request added over a reference, in % (median rounds, best rounds).</summary>
    public (double Median, double Best) CpuOverhead(VariantResult reference) =>
        (Percent(CpuMicrosecondsPerRequest, reference.CpuMicrosecondsPerRequest),
         Percent(BestCpuMicrosecondsPerRequest, reference.BestCpuMicrosecondsPerRequest));

    /// <summary>Time per request (1/throughput) added over a reference, in % (median rounds, best rounds).</summary>
    public (double Median, double Best) TimeOverhead(VariantResult reference) =>
        (Percent(reference.RequestsPerSecond, RequestsPerSecond), Percent(reference.BestRequestsPerSecond, BestRequestsPerSecond));

    /// <summary>A markdown table row, with the CPU change against <paramref name="reference"/>.</summary>
    public string Row(VariantResult? reference = null)
    {
        var change = reference is null ? "- | -" : $"{FormatChange(CpuOverhead(reference).Median)} | {FormatChange(CpuOverhead(reference).Best)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Name} | {RequestsPerSecond:F0} | {BestRequestsPerSecond:F0} | {MedianRound.P50Ms:F3} | {MedianRound.P99Ms:F3} | {Errors} | {CpuMicrosecondsPerRequest:F1} | {BestCpuMicrosecondsPerRequest:F1} | {AllocatedBytesPerRequest / 1024:F1} | {change} |");
    }

    public static string FormatChange(double percent) => percent.ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + "%";

    private static double Percent(double value, double reference) => (value / reference - 1) * 100;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
