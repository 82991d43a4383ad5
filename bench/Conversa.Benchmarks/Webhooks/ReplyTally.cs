using System.Diagnostics;

namespace Conversa.Benchmarks.Webhooks;

/// <summary>
/// Collects the exchanges of one end-to-end run (<see cref="Stopwatch"/> ticks); safe to add to from every customer
/// at once.
/// </summary>
public sealed class ReplyTally
{
    private readonly Lock _lock = new();
    private readonly List<long> _replies = [];
    private readonly List<long> _acks = [];
    private readonly List<Unanswered> _lost = [];
    private long _ackErrors;

    public void Ack(long ticks, bool success)
    {
        lock (_lock)
        {
            _acks.Add(ticks);
            _ackErrors += success ? 0 : 1;
        }
    }

    public void Reply(long ticks)
    {
        lock (_lock)
        {
            _replies.Add(ticks);
        }
    }

    public void NoReply(Unanswered message)
    {
        lock (_lock)
        {
            _lost.Add(message);
        }
    }

    public ReplyFigures Figures()
    {
        lock (_lock)
        {
            var replies = _replies.Order().ToArray();
            var acks = _acks.Order().ToArray();
            return new ReplyFigures(replies.Length, [.. _lost], _ackErrors,
                Percentile(replies, 0.50), Percentile(replies, 0.99), Percentile(replies, 1), Percentile(acks, 0.99));
        }
    }

    private static double Percentile(long[] sortedTicks, double p) =>
        sortedTicks.Length == 0 ? double.NaN
            : sortedTicks[Math.Max(0, (int)Math.Ceiling(p * sortedTicks.Length) - 1)] * 1000d / Stopwatch.Frequency;
}
