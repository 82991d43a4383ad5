using System.Diagnostics;
using Conversa.Benchmarks.Chat;

namespace Conversa.Benchmarks.Webhooks;

/// <summary>
/// Webhook in, reply out: <c>contacts</c> customers each send a WhatsApp message (a random one of
/// <see cref="ChatCorpus.Messages"/>), wait for the reply to reach the fake Graph API and send the next. Latency runs
/// from just before the webhook is posted to the reply's arrival at the fake Graph API, through the ack, the inbox
/// worker, the engine and the outbox sender. A customer whose message gets no reply (a conversation handed to a
/// person is silent by design) is replaced by a new one, so the run keeps <c>contacts</c> customers talking.
/// </summary>
public sealed class EndToEndRun(Uri address, FakeGraph graph, WhatsAppTraffic traffic, int contacts)
{
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(3);
    private readonly Worker[] _workers = [.. Enumerable.Range(0, contacts).Select(i => new Worker(i))];
    private long _messages;

    /// <summary>A message that got no reply in time, and the customer (phone digits) who sent it.</summary>
    public sealed record Unanswered(string Contact, string Text);

    public sealed record Result(long Turns, IReadOnlyList<Unanswered> Lost, long AckErrors, TimeSpan Elapsed, double P50Ms, double P99Ms, double AckP99Ms)
    {
        public double TurnsPerSecond => Turns / Elapsed.TotalSeconds;
    }

    /// <summary>Runs for <paramref name="duration"/>; the same customers each time (a warm-up creates their conversations).</summary>
    public async Task<Result> RunAsync(TimeSpan duration)
    {
        using var client = Loopback.CreateClient(address, contacts);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = _workers;
        foreach (var worker in workers)
        {
            worker.Reset();
        }
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(graph, traffic, NextMessageId, client, deadline))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var latencies = workers.SelectMany(w => w.Latencies).Order().ToArray();
        var acks = workers.SelectMany(w => w.Acks).Order().ToArray();
        return new Result(latencies.Length, [.. workers.SelectMany(w => w.Lost)], workers.Sum(w => w.AckErrors), elapsed,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), Percentile(acks, 0.99));
    }

    private string NextMessageId() => $"wamid.e2e.{Interlocked.Increment(ref _messages)}";

    private static double Percentile(long[] sortedTicks, double p) =>
        sortedTicks.Length == 0 ? double.NaN
            : sortedTicks[Math.Max(0, (int)Math.Ceiling(p * sortedTicks.Length) - 1)] * 1000d / Stopwatch.Frequency;

    private sealed class Worker(int index)
    {
        private int _generation;
        private string Contact => $"57310{_generation:D2}{index:D5}";

        public List<long> Latencies { get; } = [];
        public List<long> Acks { get; } = [];
        public List<Unanswered> Lost { get; } = [];
        public long AckErrors { get; private set; }

        public void Reset()
        {
            Latencies.Clear();
            Acks.Clear();
            Lost.Clear();
            AckErrors = 0;
        }

        public async Task RunAsync(FakeGraph graph, WhatsAppTraffic traffic, Func<string> nextMessageId, HttpClient client, long deadline)
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var contact = Contact;
                var text = ChatCorpus.Messages[Random.Shared.Next(ChatCorpus.Messages.Length)];
                var reply = graph.NextReplyTo(contact);
                var sent = Stopwatch.GetTimestamp();
                using (var request = traffic.Webhook(contact, nextMessageId(), text))
                using (var ack = await client.SendAsync(request))
                {
                    Acks.Add(Stopwatch.GetTimestamp() - sent);
                    if (!ack.IsSuccessStatusCode)
                    {
                        AckErrors++;
                        graph.StopWaiting(contact);
                        continue;
                    }
                }
                if (await Task.WhenAny(reply, Task.Delay(ReplyTimeout)) != reply)
                {
                    Lost.Add(new Unanswered(contact, text));
                    graph.StopWaiting(contact);
                    _generation++;
                    continue;
                }
                Latencies.Add(await reply - sent);
            }
        }
    }
}
