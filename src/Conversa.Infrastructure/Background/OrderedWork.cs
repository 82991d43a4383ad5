using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Background;

/// <summary>
/// Claimed work in progress: each piece waits for the previous piece with the same key (one customer's messages stay in
/// order), then for one of <c>parallelism</c> slots. <see cref="RunAsync"/> is the inbox's and the outbox's worker loop:
/// it claims more as room frees up instead of batch by batch, so a message that arrives while others are being handled
/// is taken at once rather than after the slowest of them. Pieces may also be started from other threads (the inbox's
/// hand-off of items accepted on this node), so the bookkeeping is under a lock.
/// </summary>
public sealed class OrderedWork<TKey>(int parallelism, ILogger logger, CancellationToken cancellationToken) : IDisposable where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Task> _held = [];
    private readonly Dictionary<TKey, Task> _lastOfKey = [];
    private readonly SemaphoreSlim _slots = new(Math.Max(1, parallelism));

    /// <summary>Pieces started and not finished.</summary>
    public int CountHeld() => Held().Count;

    /// <summary>
    /// The ids of the pieces started and not finished: claims leave them out, so a piece whose lease ran out while this
    /// node still works on it (a slow send, a queue behind one customer) is not started a second time here.
    /// </summary>
    public IReadOnlyCollection<Guid> Held()
    {
        lock (_lock)
        {
            foreach (var done in _held.Where(e => e.Value.IsCompleted).Select(e => e.Key).ToList())
            {
                _held.Remove(done);
            }
            return [.. _held.Keys];
        }
    }

    /// <summary>
    /// Starts <paramref name="work"/> once the previous piece with <paramref name="key"/> is done and a slot is free. The
    /// work records its own outcome; anything else it throws is logged (its claim's lease brings it back later).
    /// </summary>
    public void Start(Guid id, TKey key, Func<CancellationToken, Task> work)
    {
        lock (_lock)
        {
            if (_lastOfKey.Count > 4 * _held.Count + 64)
            {
                foreach (var done in _lastOfKey.Where(e => e.Value.IsCompleted).Select(e => e.Key).ToList())
                {
                    _lastOfKey.Remove(done);
                }
            }
            var task = RunAfterAsync(_lastOfKey.GetValueOrDefault(key), work);
            _lastOfKey[key] = task;
            _held[id] = task;
        }
    }

    private Task[] Running()
    {
        lock (_lock)
        {
            return [.. _held.Values];
        }
    }

    /// <summary>Waits until every piece started has finished (on stop, pieces cancelled by the token count as finished).</summary>
    public async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(Running());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>
    /// A worker's loop until the token stops it: keeps up to <paramref name="capacity"/> pieces held, and claims more
    /// (<paramref name="claim"/> starts up to the given number and says how many it claimed) when there is room and
    /// <paramref name="signal"/> says work arrived, or every <paramref name="poll"/>. A failed claim is logged and tried
    /// again at the next wake-up. On stop it lets what it holds finish.
    /// </summary>
    public async Task RunAsync(string name, int capacity, WorkSignal signal, TimeSpan poll, Func<OrderedWork<TKey>, int, CancellationToken, Task<int>> claim)
    {
        capacity = Math.Max(1, capacity);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var room = capacity - CountHeld();
                try
                {
                    if (room > 0 && await claim(this, room, cancellationToken) == room)
                    {
                        continue;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "{Worker} claim failed; retrying at the next wake-up", name);
                }
                // Full: wait for a piece to finish. Otherwise everything due is held: wait for news or the poll.
                if (CountHeld() >= capacity)
                {
                    await Task.WhenAny(Running()).WaitAsync(cancellationToken);
                }
                else
                {
                    await signal.WaitAsync(poll, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        await DrainAsync();
    }

    private async Task RunAfterAsync(Task? previous, Func<CancellationToken, Task> work)
    {
        // Off the caller's thread: Start runs under the lock, and a hand-off calls it from the inbox's writer loop.
        await Task.Yield();
        if (previous is not null)
        {
            await previous;
        }
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await work(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "A claimed piece of work failed without recording its outcome; its lease will bring it back");
        }
        finally
        {
            _slots.Release();
        }
    }
}
