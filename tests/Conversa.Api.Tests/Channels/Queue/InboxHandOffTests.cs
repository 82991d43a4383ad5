using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Tenancy;

namespace Conversa.Api.Tests.Channels.Queue;

/// <summary>
/// When an acknowledgement may store its items claimed for this node's worker, step by step (no database: the races
/// the rules guard against are made to happen in order here; <c>InboxTests</c> runs the hand-off for real).
/// </summary>
public sealed class InboxHandOffTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    private readonly InboxHandOff _handOff = new(new InboxOptions { LeaseSeconds = 60 });
    private readonly List<Guid> _started = [];
    private int _held;

    private InboxHandOff.Taker Worker(int capacity) =>
        new(capacity, () => _held, item => item.TenantId is not null && item.Channel == "test", (items, _) => _started.AddRange(items.Select(i => i.Id)));

    private static InboxItem Item(string key, string channel = "test") => new(channel, key, Guid.NewGuid(), "message", "{}");

    private static InboxStore.Claimed Claimed(InboxItem item) =>
        new(Guid.NewGuid(), item.TenantId!.Value, item.Channel, item.Key, item.Kind, item.Payload, 1, Now);

    private InboxHandOff.Ticket Reserve(params InboxItem[] items) => _handOff.Reserve(items, Now);

    private void CatchUp() => _handOff.CaughtUp(_handOff.Epoch);

    [Fact]
    public void Items_are_stored_unclaimed_on_a_node_whose_worker_does_not_run()
    {
        var ticket = Reserve(Item("msg:1"));

        ticket.Token.Should().BeNull();
        ticket.Claims(Item("msg:1")).Should().BeFalse();
    }

    [Fact]
    public void A_running_worker_that_has_caught_up_gets_the_items_it_handles_claimed_under_a_lease_and_started_after_the_commit()
    {
        using var open = _handOff.Open(Worker(capacity: 2), CancellationToken.None);
        var first = Reserve(Item("msg:0"));
        first.Token.Should().BeNull("a worker that just started may have older items to claim first");
        first.Finish([]);
        CatchUp();

        var item = Item("msg:1");
        var ticket = Reserve(item, Item("msg:other", "elsewhere"));

        ticket.Token.Should().NotBeNull();
        ticket.Until.Should().Be(Now.AddSeconds(60));
        ticket.Claims(item).Should().BeTrue();
        ticket.Claims(Item("msg:other", "elsewhere")).Should().BeFalse("this worker has no handler for that channel");
        ticket.Claims(new InboxItem("test", "msg:nobody", null, "message", "{}")).Should().BeFalse("an item without a tenant is ignored");
        _started.Should().BeEmpty("nothing starts before the commit");
        var claimed = Claimed(item);
        ticket.Finish([claimed]);
        _started.Should().Equal(claimed.Id);
    }

    [Fact]
    public void Reservations_count_against_the_workers_room_until_their_commit()
    {
        using var open = _handOff.Open(Worker(capacity: 2), CancellationToken.None);
        CatchUp();

        var both = Reserve(Item("msg:1"), Item("msg:2"));
        both.Token.Should().NotBeNull();
        var third = Reserve(Item("msg:3"));
        third.Token.Should().BeNull("two places are reserved already");

        // msg:2 was a redelivery: only msg:1 is inserted and held; the other place is free again.
        both.Finish([Claimed(Item("msg:1"))]);
        third.Finish([]);
        _held = 1;
        CatchUp();
        Reserve(Item("msg:4")).Token.Should().NotBeNull();
    }

    [Fact]
    public void Once_an_item_was_stored_unclaimed_nothing_is_handed_over_until_a_claim_begun_after_its_commit_caught_up()
    {
        using var open = _handOff.Open(Worker(capacity: 1), CancellationToken.None);
        CatchUp();
        _held = 1;
        var full = Reserve(Item("msg:alice#1"));
        full.Token.Should().BeNull("the worker is full");
        _held = 0;

        Reserve(Item("msg:alice#2")).Token.Should().BeNull("alice's first message waits to be claimed: her second must not start before it");
        var claimBeganBeforeTheCommit = _handOff.Epoch;
        full.Finish([]);
        _handOff.CaughtUp(claimBeganBeforeTheCommit);
        Reserve(Item("msg:alice#3")).Token.Should().BeNull("a claim begun before the first message was committed may have missed it");
        _handOff.CaughtUp(_handOff.Epoch);
        Reserve(Item("msg:alice#4")).Token.Should().BeNull("the two later acknowledgements storing unclaimed items have not committed yet");
    }

    [Fact]
    public void A_claim_begun_after_every_unclaimed_item_was_committed_opens_the_hand_off_again()
    {
        using var open = _handOff.Open(Worker(capacity: 1), CancellationToken.None);
        CatchUp();
        _held = 1;
        var full = Reserve(Item("msg:1"));
        _held = 0;

        full.Finish([]);
        CatchUp();

        Reserve(Item("msg:2")).Token.Should().NotBeNull();
    }

    [Fact]
    public void Items_committed_after_the_worker_stopped_are_left_to_their_lease()
    {
        using var stopping = new CancellationTokenSource();
        using var open = _handOff.Open(Worker(capacity: 2), stopping.Token);
        CatchUp();
        var item = Item("msg:1");
        var ticket = Reserve(item);
        ticket.Token.Should().NotBeNull();

        stopping.Cancel();
        ticket.Finish([Claimed(item)]);

        _started.Should().BeEmpty();
        Reserve(Item("msg:2")).Token.Should().BeNull("no worker runs here any more");
    }
}
