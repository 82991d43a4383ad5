using System.Globalization;

namespace Conversa.Benchmarks;

/// <summary>
/// A variant over all its rounds. Comparisons are paired: each round of a variant is set against the
/// reference's round measured seconds before it, so a slow spell on the machine moves both alike; the
/// median of those per-round changes is the figure, and their interquartile range shows how sure it is.
/// </summary>
public sealed record VariantResult(string Name, IReadOnlyList<LoadResult> Rounds)
{
    public const string Header = """
        | run | req/s (median round) | p50 ms | p99 ms | errors | CPU µs/req | alloc KB/req | CPU/req vs reference (IQR) | time/req vs reference (IQR) |
        |---|---:|---:|---:|---:|---:|---:|---:|---:|
        """;

    public double RequestsPerSecond => Median(Rounds.Select(r => r.RequestsPerSecond).ToList());
    public double CpuMicrosecondsPerRequest => Median(Rounds.Select(r => r.CpuMicrosecondsPerRequest).ToList());
    public double AllocatedBytesPerRequest => Median(Rounds.Select(r => r.AllocatedBytesPerRequest).ToList());
    public long Errors => Rounds.Sum(r => r.Errors);

    /// <summary>The p99 latency of the round with the median throughput.</summary>
    public double MedianP99Ms => MedianRound.P99Ms;

    /// <summary>Latencies of the round with the median throughput.</summary>
    private LoadResult MedianRound => Rounds.OrderBy(r => r.RequestsPerSecond).ElementAt(Rounds.Count / 2);

    /// <summary>CPU time per request added over the reference, in %.</summary>
    public Change CpuOverhead(VariantResult reference) =>
        Paired(reference, (run, baseline) => run.CpuMicrosecondsPerRequest / baseline.CpuMicrosecondsPerRequest);

    /// <summary>Time per request (1/throughput) added over the reference, in %.</summary>
    public Change TimeOverhead(VariantResult reference) =>
        Paired(reference, (run, baseline) => baseline.RequestsPerSecond / run.RequestsPerSecond);

    /// <summary>A markdown table row, with the changes against <paramref name="reference"/>.</summary>
    public string Row(VariantResult? reference = null)
    {
        var cpu = reference is null ? "-" : CpuOverhead(reference).ToString();
        var time = reference is null ? "-" : TimeOverhead(reference).ToString();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Name} | {RequestsPerSecond:F0} | {MedianRound.P50Ms:F3} | {MedianRound.P99Ms:F3} | {Errors} | {CpuMicrosecondsPerRequest:F1} | {AllocatedBytesPerRequest / 1024:F1} | {cpu} | {time} |");
    }

    private Change Paired(VariantResult reference, Func<LoadResult, LoadResult, double> ratio)
    {
        var changes = Rounds.Zip(reference.Rounds, (run, baseline) => (ratio(run, baseline) - 1) * 100).Order().ToList();
        return new Change(Median(changes), changes[changes.Count / 4], changes[changes.Count * 3 / 4]);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
