using System.Diagnostics;
using Conversa.Benchmarks.Chat;

namespace Conversa.Benchmarks.Webhooks;

/// <summary>
/// A customer on WhatsApp who sends a message (a random one of <see cref="ChatCorpus.Messages"/>) and waits for its
/// reply at the fake Graph API. One whose message gets no reply in <see cref="EndToEndRun.ReplyTimeout"/> (a
/// conversation handed to a person is silent by design) is replaced by a new phone number, so the run keeps talking
/// to the bot. One message at a time: the fake Graph API takes one waiter per recipient.
/// </summary>
public sealed class Customer(string prefix, int index)
{
    private int _generation;

    public string Phone => $"{prefix}{_generation:D2}{index:D5}";

    /// <summary>Posts one message and waits for its reply; ack and reply are timed from <paramref name="since"/>.</summary>
    public async Task SendAsync(HttpClient client, FakeGraph graph, WhatsAppTraffic traffic, long since, ReplyTally tally)
    {
        var contact = Phone;
        var text = ChatCorpus.Messages[Random.Shared.Next(ChatCorpus.Messages.Length)];
        var reply = graph.NextReplyTo(contact);
        using (var request = traffic.Webhook(contact, traffic.NextMessageId(), text))
        using (var ack = await client.SendAsync(request))
        {
            tally.Ack(Stopwatch.GetTimestamp() - since, ack.IsSuccessStatusCode);
            if (!ack.IsSuccessStatusCode)
            {
                graph.StopWaiting(contact);
                return;
            }
        }
        if (await Task.WhenAny(reply, Task.Delay(EndToEndRun.ReplyTimeout)) != reply)
        {
            tally.NoReply(new Unanswered(contact, text));
            graph.StopWaiting(contact);
            _generation++;
            return;
        }
        tally.Reply(await reply - since);
    }
}
