namespace Conversa.Benchmarks;

/// <summary>
/// What one load run measured: latencies in milliseconds; CPU time of the whole process per request in
/// microseconds; managed bytes allocated in the whole process per request.
/// </summary>
public sealed record LoadResult(
    string Name, long Requests, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms,
    double CpuMicrosecondsPerRequest, double AllocatedBytesPerRequest)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}
