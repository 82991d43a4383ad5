using System.Diagnostics;

namespace Conversa.Benchmarks;

/// <summary>
/// A closed-loop load generator for one kind of request: <c>concurrency</c> workers each send a request,
/// wait for the whole response and send the next, for a fixed time. Its connections stay open between runs.
/// Memory is bounded: each worker keeps a fixed-size uniform sample of its latencies (reservoir sampling).
/// Besides throughput and latency it reports the process's CPU time and allocations per request (client and
/// server share this process), which depend less than throughput on what else the machine is doing.
/// </summary>
public sealed class LoadGenerator(Uri address, int concurrency, Func<HttpRequestMessage> request) : IDisposable
{
    private const int SamplesPerWorker = 20_000;
    private readonly HttpClient _client = Loopback.CreateClient(address, concurrency);

    /// <summary>Runs unmeasured: opens the connections and lets the JIT settle.</summary>
    public Task WarmUpAsync(TimeSpan length) => RunWorkersAsync(length);

    public async Task<LoadResult> RunAsync(string name, TimeSpan duration)
    {
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.GetTimestamp();
        var workers = await RunWorkersAsync(duration);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;

        var requests = Math.Max(1, workers.Sum(w => w.Requests));
        var samples = workers.SelectMany(w => w.Samples).Order().ToArray();
        return new LoadResult(name, requests, workers.Sum(w => w.Errors), elapsed,
            Percentile(samples, 0.50), Percentile(samples, 0.99), cpu.TotalMicroseconds / requests, (double)allocated / requests);
    }

    public void Dispose() => _client.Dispose();

    private async Task<Worker[]> RunWorkersAsync(TimeSpan length)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(i => new Worker(i)).ToArray();
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(_client, request, deadline))));
        return workers;
    }

    private static double Percentile(long[] sortedTicks, double p) =>
        sortedTicks.Length == 0 ? double.NaN
            : sortedTicks[Math.Max(0, (int)Math.Ceiling(p * sortedTicks.Length) - 1)] * 1000d / Stopwatch.Frequency;

    private sealed class Worker(int seed)
    {
        private readonly long[] _samples = new long[SamplesPerWorker];
        private readonly Random _random = new(seed);

        public long Requests { get; private set; }
        public long Errors { get; private set; }
        public IEnumerable<long> Samples => _samples.Take((int)Math.Min(Requests, SamplesPerWorker));

        public async Task RunAsync(HttpClient client, Func<HttpRequestMessage> request, long deadline)
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var message = request();
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        Errors++;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Errors++;
                }
                Record(Stopwatch.GetTimestamp() - started);
            }
        }

        private void Record(long ticks)
        {
            Requests++;
            if (Requests <= SamplesPerWorker)
            {
                _samples[Requests - 1] = ticks;
                return;
            }
            var slot = _random.NextInt64(Requests);
            if (slot < SamplesPerWorker)
            {
                _samples[slot] = ticks;
            }
        }
    }
}
