using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Inbox;

/// <summary>
/// Claims pending items (any tenant) under a fresh token, and hands each to its channel's <see cref="IInboxHandler"/>
/// inside the item's own tenant scope. Done and failed are recorded under the same claim, so an item another node
/// re-claimed after the lease ran out is not marked by this one. Up to <see cref="InboxOptions.Parallelism"/> items are
/// handled side by side; those with the same <see cref="IInboxHandler.OrderKey"/> in one tenant run one after another,
/// in claim order. The worker (<see cref="RunAsync"/>) claims as room frees up rather than batch by batch, so a message
/// that arrives while others are being answered is taken at once, not after the slowest of them.
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

    /// <summary>Claims what is due now and handles all of it; returns how many items it claimed.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        using var run = new Run(this, options.Parallelism, cancellationToken);
        var claimed = await run.ClaimAsync(options.BatchSize);
        await run.DrainAsync();
        return claimed;
    }

    /// <summary>
    /// The worker's loop until <paramref name="stoppingToken"/>: keeps up to <see cref="InboxOptions.BatchSize"/> items
    /// claimed, claiming more whenever <paramref name="signal"/> says some arrived (or every poll interval) and there is
    /// room. On stop it lets the items it holds finish (their handlers see the cancellation).
    /// </summary>
    public async Task RunAsync(InboxSignal signal, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(0.05, options.PollSeconds));
        using var run = new Run(this, options.Parallelism, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var room = options.BatchSize - run.CountHeld();
                try
                {
                    if (room > 0 && await run.ClaimAsync(room) == room)
                    {
                        continue;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Inbox claim failed; retrying at the next interval");
                }
                // Full: wait for an item to finish. Otherwise all that was due is held: wait for news or the poll.
                await (run.CountHeld() >= options.BatchSize ? run.AnyFinishedAsync() : signal.WaitAsync(poll, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await run.DrainAsync();
    }

    /// <summary>Items claimed and not finished yet, chained per order key, at most Parallelism of them running.</summary>
    private sealed class Run(InboxProcessor processor, int parallelism, CancellationToken cancellationToken) : IDisposable
    {
        private readonly List<Task> _held = [];
        private readonly Dictionary<(Guid Tenant, string Key), Task> _lastOfKey = [];
        private readonly SemaphoreSlim _running = new(Math.Max(1, parallelism));

        public int CountHeld()
        {
            _held.RemoveAll(t => t.IsCompleted);
            return _held.Count;
        }

        public async Task<int> ClaimAsync(int max)
        {
            var (token, claimed) = await processor.ClaimDueAsync(max, cancellationToken);
            foreach (var stale in _lastOfKey.Where(e => e.Value.IsCompleted).Select(e => e.Key).ToList())
            {
                _lastOfKey.Remove(stale);
            }
            foreach (var item in claimed)
            {
                var key = processor.OrderOf(item);
                var task = HandleAfterAsync(_lastOfKey.GetValueOrDefault(key), item, token);
                _lastOfKey[key] = task;
                _held.Add(task);
            }
            return claimed.Count;
        }

        public async Task AnyFinishedAsync() => await Task.WhenAny(_held).WaitAsync(cancellationToken);

        public async Task DrainAsync()
        {
            try
            {
                await Task.WhenAll(_held);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }

        /// <summary>Only once drained: nothing waits on the slots any more.</summary>
        public void Dispose() => _running.Dispose();

        /// <summary>A customer's item waits for that customer's previous one, then for a free slot.</summary>
        private async Task HandleAfterAsync(Task? previous, InboxStore.Claimed item, Guid token)
        {
            if (previous is not null)
            {
                await previous;
            }
            await _running.WaitAsync(cancellationToken);
            try
            {
                await processor.ProcessAsync(item, token, cancellationToken);
            }
            finally
            {
                _running.Release();
            }
        }
    }

    private async Task<(Guid Token, List<InboxStore.Claimed> Claimed)> ClaimDueAsync(int max, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = time.GetUtcNow().UtcDateTime;
        return (token, await store.ClaimAsync(token, now, now.AddSeconds(options.LeaseSeconds), max, _handlers.Keys, cancellationToken));
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
