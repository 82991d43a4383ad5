using Conversa.Infrastructure.Tenancy;

namespace Conversa.Infrastructure.Inbox;

/// <summary>
/// Gives items accepted on this node straight to this node's running inbox worker. When the worker has room, the
/// acknowledgement reserves it (<see cref="Reserve"/>), its INSERT stores the new items already claimed under the
/// ticket's token (attempt 1, a lease) and, once committed, the items are started like claimed ones
/// (<see cref="Ticket.Finish"/>): no claim query, no wake-up. Otherwise — no worker here, no room — they are stored
/// unclaimed and the worker is signalled. A pre-claimed item whose node dies is claimed again after its lease.
/// <para>
/// One customer's items keep their arrival order on this node: once an item was stored unclaimed, nothing is handed
/// over until a claim of the worker that began after that item was committed came back with room to spare (everything
/// due is held), so a later item never starts ahead of an earlier one still waiting to be claimed.
/// </para>
/// </summary>
public sealed class InboxHandOff(InboxOptions options)
{
    private readonly Lock _lock = new();
    private Taker? _taker;
    private int _reserved;
    private bool _behind;
    private int _unclaimedWriting;
    private long _epoch;

    /// <summary>The running worker: how many items it holds at most and now, what it handles, how it starts handed-over items.</summary>
    public sealed record Taker(int Capacity, Func<int> Held, Func<InboxItem, bool> Handles, Action<IReadOnlyList<InboxStore.Claimed>, Guid> Start);

    /// <summary>
    /// One acknowledgement's reservation. With a <see cref="Token"/>, the items <see cref="Claims"/> says yes to are
    /// stored claimed under it until <see cref="Until"/>; without, everything is stored unclaimed. <see cref="Finish"/>
    /// is called once, after the commit, with the items actually inserted claimed (none when the write failed).
    /// </summary>
    public sealed class Ticket
    {
        private readonly InboxHandOff? _handOff;

        internal Ticket(InboxHandOff? handOff, Taker? taker, int reserved, DateTime until)
        {
            _handOff = handOff;
            TakerOf = taker;
            Reserved = reserved;
            Until = until;
            Token = taker is null ? null : Guid.NewGuid();
        }

        public Guid? Token { get; }
        public DateTime Until { get; }
        internal Taker? TakerOf { get; }
        internal int Reserved { get; }

        public bool Claims(InboxItem item) => TakerOf is not null && TakerOf.Handles(item);

        public void Finish(IReadOnlyList<InboxStore.Claimed> claimed) => _handOff?.Finish(this, claimed);
    }

    /// <summary>
    /// Opens the hand-off for the worker's loop, until <paramref name="stopping"/> or disposal. Items stored before are
    /// not known to be claimed, so the worker first has to catch up.
    /// </summary>
    public IDisposable Open(Taker taker, CancellationToken stopping)
    {
        lock (_lock)
        {
            _taker = taker;
            _behind = true;
        }
        return new Opened(this, taker, stopping.Register(() => Close(taker)));
    }

    private sealed class Opened(InboxHandOff handOff, Taker taker, CancellationTokenRegistration stopping) : IDisposable
    {
        public void Dispose()
        {
            stopping.Dispose();
            handOff.Close(taker);
        }
    }

    /// <summary>Read before a claim of the worker; pass it to <see cref="CaughtUp"/> when that claim left room.</summary>
    public long Epoch
    {
        get
        {
            lock (_lock)
            {
                return _epoch;
            }
        }
    }

    /// <summary>A claim begun at <paramref name="epoch"/> took everything due: items may be handed over again, unless unclaimed ones were stored since.</summary>
    public void CaughtUp(long epoch)
    {
        lock (_lock)
        {
            if (_epoch == epoch && _unclaimedWriting == 0)
            {
                _behind = false;
            }
        }
    }

    /// <summary>The ticket for an acknowledgement of <paramref name="items"/>: claimed for the worker when it is open, caught up and has room.</summary>
    public Ticket Reserve(IReadOnlyList<InboxItem> items, DateTime now)
    {
        lock (_lock)
        {
            // Items no worker here would take (no tenant, a channel without a handler) do not matter to its order.
            var count = _taker is { } taker ? items.Count(taker.Handles) : items.Count(i => i.TenantId is not null);
            if (count == 0)
            {
                return new Ticket(null, null, 0, now);
            }
            if (_taker is not null && !_behind && _taker.Held() + _reserved + count <= _taker.Capacity)
            {
                _reserved += count;
                return new Ticket(this, _taker, count, now.AddSeconds(options.LeaseSeconds));
            }
            _behind = true;
            _unclaimedWriting++;
            return new Ticket(this, null, 0, now);
        }
    }

    private void Finish(Ticket ticket, IReadOnlyList<InboxStore.Claimed> claimed)
    {
        lock (_lock)
        {
            if (ticket.TakerOf is null)
            {
                _unclaimedWriting--;
                _epoch++;
                return;
            }
            _reserved -= ticket.Reserved;
            // A worker that stopped meanwhile leaves them to the lease, like a node that died.
            if (claimed.Count > 0 && ReferenceEquals(_taker, ticket.TakerOf))
            {
                ticket.TakerOf.Start(claimed, ticket.Token!.Value);
            }
        }
    }

    private void Close(Taker taker)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_taker, taker))
            {
                _taker = null;
            }
        }
    }
}
