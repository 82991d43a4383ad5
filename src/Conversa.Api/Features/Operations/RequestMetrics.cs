using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Conversa.Api.Features.Operations;

/// <summary>
/// Request counts by route and status and a latency histogram by route, kept in memory and written in
/// the Prometheus text format. Routes are templates, so the series stay bounded whatever the traffic.
/// </summary>
public sealed class RequestMetrics
{
    private static readonly double[] Buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly ConcurrentDictionary<(string Method, string Route, int Status), long[]> _counts = new();
    private readonly ConcurrentDictionary<(string Method, string Route), Histogram> _latency = new();

    public void Record(string method, string route, int status, double seconds)
    {
        Interlocked.Increment(ref _counts.GetOrAdd((method, route, status), _ => new long[1])[0]);
        _latency.GetOrAdd((method, route), _ => new Histogram()).Observe(seconds);
    }

    public void Write(StringBuilder output)
    {
        output.Append("# HELP conversa_http_requests_total HTTP requests by route template and status.\n");
        output.Append("# TYPE conversa_http_requests_total counter\n");
        foreach (var ((method, route, status), count) in _counts.OrderBy(c => c.Key.Route, StringComparer.Ordinal))
        {
            output.Append(CultureInfo.InvariantCulture,
                $"conversa_http_requests_total{{method=\"{method}\",route=\"{Escape(route)}\",status=\"{status}\"}} {Volatile.Read(ref count[0])}\n");
        }

        output.Append("# HELP conversa_http_request_duration_seconds HTTP request latency by route template.\n");
        output.Append("# TYPE conversa_http_request_duration_seconds histogram\n");
        foreach (var ((method, route), histogram) in _latency.OrderBy(l => l.Key.Route, StringComparer.Ordinal))
        {
            var labels = $"method=\"{method}\",route=\"{Escape(route)}\"";
            long cumulative = 0;
            for (var i = 0; i < Buckets.Length; i++)
            {
                cumulative += Volatile.Read(ref histogram.Counts[i]);
                output.Append(CultureInfo.InvariantCulture,
                    $"conversa_http_request_duration_seconds_bucket{{{labels},le=\"{Buckets[i]}\"}} {cumulative}\n");
            }
            cumulative += Volatile.Read(ref histogram.Counts[Buckets.Length]);
            output.Append(CultureInfo.InvariantCulture, $"conversa_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {cumulative}\n");
            output.Append(CultureInfo.InvariantCulture, $"conversa_http_request_duration_seconds_sum{{{labels}}} {histogram.SumSeconds}\n");
            output.Append(CultureInfo.InvariantCulture, $"conversa_http_request_duration_seconds_count{{{labels}}} {cumulative}\n");
        }
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private sealed class Histogram
    {
        public readonly long[] Counts = new long[Buckets.Length + 1];
        private long _sumMicroseconds;

        public double SumSeconds => Volatile.Read(ref _sumMicroseconds) / 1_000_000d;

        public void Observe(double seconds)
        {
            var i = 0;
            while (i < Buckets.Length && seconds > Buckets[i])
            {
                i++;
            }
            Interlocked.Increment(ref Counts[i]);
            Interlocked.Add(ref _sumMicroseconds, (long)(seconds * 1_000_000));
        }
    }
}

/// <summary>Times every request and records it under its route template once the response is done.</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, RequestMetrics metrics)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw
                ? (raw.Length > 1 ? raw.TrimEnd('/') : raw)
                : "unmatched";
            metrics.Record(http.Request.Method, route, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
