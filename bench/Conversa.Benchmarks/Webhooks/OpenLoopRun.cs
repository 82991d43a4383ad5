using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conversa.Benchmarks.Webhooks;

/// <summary>
/// Webhook in, reply out, as an open loop: message k is due at start + k / rate, whatever the replies do, and goes to
/// a customer not waiting for a reply; with none idle it is skipped and counted. The customer answered last goes
/// first, so the run talks to as few customers as the rate needs and they are the ones the warm-up talked to: a
/// customer's first message, which opens a conversation, costs more than the next.
/// Latency runs from the message's due time, not from when it was posted, so a sender held up by a busy machine
/// does not hide the wait (coordinated omission). Below saturation the figure is the latency of a reply, not the
/// queue that a closed loop builds up by sending as fast as it is answered.
/// </summary>
public sealed class OpenLoopRun
{
    private readonly Uri _address;
    private readonly FakeGraph _graph;
    private readonly WhatsAppTraffic _traffic;
    private readonly ConcurrentStack<Customer> _idle;

    /// <summary>
    /// A customer is busy for an ack plus at most <see cref="EndToEndRun.ReplyTimeout"/>; twice that many customers
    /// as <paramref name="maxRate"/> sends in the timeout leaves room for slow acks, so a skip means the app is far behind.
    /// </summary>
    public OpenLoopRun(Uri address, FakeGraph graph, WhatsAppTraffic traffic, double maxRate)
    {
        _address = address;
        _graph = graph;
        _traffic = traffic;
        Customers = (int)Math.Ceiling(2 * maxRate * EndToEndRun.ReplyTimeout.TotalSeconds);
        _idle = new(Enumerable.Range(0, Customers).Select(i => new Customer("57320", i)));
    }

    public int Customers { get; }

    /// <summary>What one rate measured; <see cref="PostLagMaxMs"/> is how late the bench posted a message after its due time.</summary>
    public sealed record Result(double Rate, ReplyFigures Figures, TimeSpan Duration, long Skipped, double PostLagMaxMs)
    {
        /// <summary>Replies to the messages due within the run, per second of the run.</summary>
        public double RepliesPerSecond => Figures.Replies / Duration.TotalSeconds;
    }

    /// <summary>Sends at <paramref name="rate"/> messages per second for <paramref name="duration"/>, then waits for the last replies.</summary>
    public async Task<Result> RunAsync(double rate, TimeSpan duration)
    {
        using var client = Loopback.CreateClient(_address, Customers);
        var tally = new ReplyTally();
        var exchanges = new List<Task>();
        var skipped = 0L;
        var postLagMax = 0L;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (var k = 0L; ; k++)
        {
            var due = start + (long)(k * Stopwatch.Frequency / rate);
            if (due >= end)
            {
                break;
            }
            var early = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (early > TimeSpan.Zero)
            {
                await Task.Delay(early);
            }
            if (!_idle.TryPop(out var customer))
            {
                skipped++;
                continue;
            }
            postLagMax = Math.Max(postLagMax, Stopwatch.GetTimestamp() - due);
            exchanges.Add(Task.Run(async () =>
            {
                await customer.SendAsync(client, _graph, _traffic, due, tally);
                _idle.Push(customer);
            }));
        }
        await Task.WhenAll(exchanges);
        return new Result(rate, tally.Figures(), duration, skipped, postLagMax * 1000d / Stopwatch.Frequency);
    }
}
