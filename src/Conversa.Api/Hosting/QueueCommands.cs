using Conversa.Infrastructure.Tenancy;

namespace Conversa.Api.Hosting;

/// <summary>
/// <c>queue status</c> (depths of unfinished work) and <c>queue retry [--inbox|--outbox] [--channel C]</c>
/// (failed items/rows back to pending with fresh attempts, for after the cause was fixed). Workers on running
/// nodes pick retried work up at their next poll.
/// </summary>
internal static class QueueCommands
{
    public static async Task<int> StatusAsync(IServiceProvider services)
    {
        var inbox = await services.GetRequiredService<InboxStore>().DepthsAsync(CancellationToken.None);
        var outbox = await services.GetRequiredService<OutboxClaims>().DepthsAsync(CancellationToken.None);
        Console.WriteLine($"{"queue",-8} {"channel",-12} {"status",-8} count");
        foreach (var depth in inbox.OrderBy(d => d.Status, StringComparer.Ordinal))
        {
            Console.WriteLine($"{"inbox",-8} {"*",-12} {depth.Status,-8} {depth.Count}");
        }
        foreach (var depth in outbox.OrderBy(d => d.Channel, StringComparer.Ordinal).ThenBy(d => d.Status, StringComparer.Ordinal))
        {
            Console.WriteLine($"{"outbox",-8} {depth.Channel,-12} {depth.Status,-8} {depth.Count}");
        }
        return 0;
    }

    public static async Task<int> RetryAsync(IServiceProvider services, IReadOnlyDictionary<string, string> flags)
    {
        var channel = flags.TryGetValue("channel", out var c) && c.Length > 0 ? c : null;
        // Neither flag means both queues.
        var both = !flags.ContainsKey("inbox") && !flags.ContainsKey("outbox");
        if (both || flags.ContainsKey("inbox"))
        {
            var items = await services.GetRequiredService<InboxStore>().RetryFailedAsync(channel, CancellationToken.None);
            Console.WriteLine($"inbox: {items} failed item(s) back to pending");
        }
        if (both || flags.ContainsKey("outbox"))
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var rows = await services.GetRequiredService<OutboxClaims>().RetryFailedAsync(channel, now, CancellationToken.None);
            Console.WriteLine($"outbox: {rows} failed row(s) back to pending");
        }
        return 0;
    }
}
