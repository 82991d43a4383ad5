namespace Conversa.Benchmarks.Webhooks;

/// <summary>What one end-to-end run measured: latencies in milliseconds, over the replies that came in time.</summary>
public sealed record ReplyFigures(long Replies, IReadOnlyList<Unanswered> Lost, long AckErrors, double P50Ms, double P99Ms, double MaxMs, double AckP99Ms);
