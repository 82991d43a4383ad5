using Conversa.Infrastructure.Background;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Inbox;

/// <summary>
/// Claims pending items (any tenant) under a fresh token, and hands each to its channel's <see cref="IInboxHandler"/>
/// inside the item's own tenant scope. Done and failed are recorded under the same claim, so an item another node
/// re-claimed after the lease ran out is not marked by this one. Up to <see cref="InboxOptions.Parallelism"/> items are
/// handled side by side; those with the same <see cref="IInboxHandler.OrderKey"/> in one tenant run one after another,
/// in claim order. The worker (<see cref="RunAsync"/>) claims as room frees up rather than batch by batch
/// (<see cref="OrderedWork{TKey}"/>), and takes items accepted on this node straight from the acknowledgement,
/// already claimed (<see cref="InboxHandOff"/>).
/// </summary>
public sealed class InboxProcessor(
    InboxStore store, InboxHandOff handOff, TenantScope tenantScope, IEnumerable<IInboxHandler> handlers, InboxOptions options,
    OutboxSender outbox, OutboxOptions outboxOptions,
    TimeProvider time, ILogger<InboxProcessor> logger)
{
    private readonly Dictionary<string, IInboxHandler> _handlers = handlers.GroupBy(h => h.Channel, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    private long _done;
    private long _failedAttempts;

    public long DoneTotal => Interlocked.Read(ref _done);
    public long FailedAttemptsTotal => Interlocked.Read(ref _failedAttempts);

    /// <summary>Claims what is due now and handles all of it; returns how many items it claimed.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        using var work = new OrderedWork<(Guid, string)>(options.Parallelism, logger, cancellationToken);
        var claimed = await ClaimAsync(work, options.BatchSize, cancellationToken);
        await work.DrainAsync();
        return claimed;
    }

    /// <summary>The worker's loop: up to <see cref="InboxOptions.BatchSize"/> items held, more claimed as they finish.</summary>
    public async Task RunAsync(InboxSignal signal, CancellationToken stoppingToken)
    {
        using var work = new OrderedWork<(Guid, string)>(options.Parallelism, logger, stoppingToken);
        using var open = handOff.Open(new InboxHandOff.Taker(options.BatchSize, work.CountHeld, Handles, (items, token) => Start(work, items, token)),
            stoppingToken);
        await work.RunAsync("Inbox", options.BatchSize, signal, TimeSpan.FromSeconds(Math.Max(0.05, options.PollSeconds)), async (w, max, ct) =>
        {
            var epoch = handOff.Epoch;
            var claimed = await ClaimAsync(w, max, ct);
            if (claimed < max)
            {
                handOff.CaughtUp(epoch);
            }
            return claimed;
        });
    }

    private bool Handles(InboxItem item) => item.TenantId is not null && _handlers.ContainsKey(item.Channel);

    /// <summary>Claims up to <paramref name="max"/> due items under a fresh token and starts them, in claim order per order key.</summary>
    private async Task<int> ClaimAsync(OrderedWork<(Guid, string)> work, int max, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await store.ClaimAsync(token, now, now.AddSeconds(options.LeaseSeconds), max, _handlers.Keys, work.Held(), cancellationToken);
        Start(work, claimed, token);
        return claimed.Count;
    }

    private void Start(OrderedWork<(Guid, string)> work, IReadOnlyList<InboxStore.Claimed> claimed, Guid token)
    {
        foreach (var item in claimed)
        {
            work.Start(item.Id, OrderOf(item), ct => ProcessAsync(item, token, ct));
        }
    }

    private (Guid Tenant, string Key) OrderOf(InboxStore.Claimed claimed) =>
        (claimed.TenantId, _handlers[claimed.Channel].OrderKey(ItemOf(claimed)) is { } key ? claimed.Channel + ":" + key : claimed.Id.ToString());

    private static InboxItem ItemOf(InboxStore.Claimed claimed) =>
        new(claimed.Channel, claimed.DedupKey, claimed.TenantId, claimed.Kind, claimed.Payload);

    private async Task ProcessAsync(InboxStore.Claimed claimed, Guid token, CancellationToken cancellationToken)
    {
        try
        {
            var handler = _handlers[claimed.Channel];
            var item = ItemOf(claimed);
            await tenantScope.RunAsync(claimed.TenantId, services =>
            {
                var db = services.GetRequiredService<AppDbContext>();
                return db.OnOneConnectionAsync(async () =>
                {
                    // The item's replies go out from here, right after their commit, when this node sends at all.
                    var direct = services.GetRequiredService<DirectSends>();
                    if (outboxOptions.Enabled)
                    {
                        direct.Begin();
                    }
                    try
                    {
                        await handler.HandleAsync(item, services, cancellationToken);
                    }
                    finally
                    {
                        await outbox.SendCommittedAsync(services, direct, cancellationToken);
                    }
                    return await InboxStore.CompleteAsync(db, claimed.Id, token, time.GetUtcNow().UtcDateTime, cancellationToken);
                }, cancellationToken);
            }, cancellationToken);
            Interlocked.Increment(ref _done);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failedAttempts);
            var now = time.GetUtcNow().UtcDateTime;
            var giveUp = claimed.Attempts >= options.MaxAttempts;
            DateTime? retryAt = giveUp ? null : now.AddSeconds(options.RetryBaseSeconds * Math.Pow(2, claimed.Attempts - 1));
            logger.LogWarning(e, "Inbox item {Channel} {Key} failed (attempt {Attempt}{Final})",
                claimed.Channel, claimed.DedupKey, claimed.Attempts, giveUp ? ", giving up" : "");
            await store.RecordFailureAsync(claimed.Id, token, e.ToString(), now, retryAt, CancellationToken.None);
        }
    }
}
