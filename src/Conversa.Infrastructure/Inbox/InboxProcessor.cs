using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Inbox;

/// <summary>
/// One inbox run: claims pending items (any tenant) under a fresh token, and hands each to its channel's
/// <see cref="IInboxHandler"/> inside the item's own tenant scope. Done and failed are recorded under the same
/// claim, so an item another node re-claimed after the lease ran out is not marked by this one. Up to
/// <see cref="InboxOptions.Parallelism"/> items run side by side; those with the same <see cref="IInboxHandler.OrderKey"/>
/// in one tenant run one after another, in claim order.
/// </summary>
public sealed class InboxProcessor(
    InboxStore store, TenantScope tenantScope, IEnumerable<IInboxHandler> handlers, InboxOptions options, TimeProvider time,
    ILogger<InboxProcessor> logger)
{
    private readonly Dictionary<string, IInboxHandler> _handlers = handlers.GroupBy(h => h.Channel, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    private long _done;
    private long _failedAttempts;

    public long DoneTotal => Interlocked.Read(ref _done);
    public long FailedAttemptsTotal => Interlocked.Read(ref _failedAttempts);

    /// <summary>Processes what is claimable now; returns how many items it claimed.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await store.ClaimAsync(token, now, now.AddSeconds(options.LeaseSeconds), options.BatchSize, _handlers.Keys, cancellationToken);
        // A slow turn (a model call, a provider) holds up only the items that must wait for it: the same customer's.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(claimed.GroupBy(OrderOf), parallel, async (group, ct) =>
        {
            foreach (var item in group)
            {
                await ProcessAsync(item, token, ct);
            }
        });
        return claimed.Count;
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
            await tenantScope.RunAsync(claimed.TenantId, async services =>
            {
                await handler.HandleAsync(item, services, cancellationToken);
                return true;
            }, cancellationToken);
            await store.CompleteAsync(claimed.Id, token, time.GetUtcNow().UtcDateTime, cancellationToken);
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
