using System.Diagnostics;

namespace Conversa.Benchmarks.Webhooks;

/// <summary>
/// Webhook in, reply out, as a closed loop: <c>contacts</c> customers each send a WhatsApp message, wait for the reply
/// to reach the fake Graph API and send the next (see <see cref="Customer"/>). Latency runs from just before the
/// webhook is posted to the reply's arrival at the fake Graph API, through the ack, the inbox worker, the engine and
/// the outbox sender. The customers send as fast as they are answered, so the run finds the most replies per second
/// and its latency includes waiting for a saturated machine; <see cref="OpenLoopRun"/> measures at a fixed rate.
/// </summary>
public sealed class EndToEndRun(Uri address, FakeGraph graph, WhatsAppTraffic traffic, int contacts)
{
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(3);
    private readonly Customer[] _customers = [.. Enumerable.Range(0, contacts).Select(i => new Customer("57310", i))];

    public sealed record Result(ReplyFigures Figures, TimeSpan Elapsed)
    {
        public double TurnsPerSecond => Figures.Replies / Elapsed.TotalSeconds;
    }

    /// <summary>Runs for <paramref name="duration"/>; the same customers each time (a warm-up creates their conversations).</summary>
    public async Task<Result> RunAsync(TimeSpan duration)
    {
        using var client = Loopback.CreateClient(address, contacts);
        var tally = new ReplyTally();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(_customers.Select(customer => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await customer.SendAsync(client, graph, traffic, Stopwatch.GetTimestamp(), tally);
            }
        })));
        return new Result(tally.Figures(), Stopwatch.GetElapsedTime(started));
    }
}
