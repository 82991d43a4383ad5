using System.Collections.Concurrent;
using System.Text;
using Conversa.Api.Tests.Support;
using Conversa.Core.Channels;
using Conversa.Infrastructure.Background;
using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Channels.Queue;

/// <summary>
/// The durable inbox on a moved-by-hand clock, with a test handler on a channel of its own (so the collection's shared
/// host, which has no handler for it, never claims these items).
/// </summary>
public abstract class InboxTests(ConversaFactory app) : IDisposable
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private readonly RecordingHandler _handler = new("test-" + Guid.NewGuid().ToString("N")[..10]);
    private WebApplicationFactory<Program>? _host;
    private bool _workerEnabled;
    private int _batchSize = 50;

    private WebApplicationFactory<Program> Host => _host ??= app.WithWebHostBuilder(b => b
        .UseSetting("Conversa:Inbox:Enabled", _workerEnabled ? "true" : "false")
        .UseSetting("Conversa:Inbox:PollSeconds", "600")
        .UseSetting("Conversa:Inbox:BatchSize", _batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Conversa:Inbox:MaxAttempts", "3")
        .UseSetting("Conversa:Inbox:RetryBaseSeconds", "10")
        .UseSetting("Conversa:Inbox:LeaseSeconds", "60")
        .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock).AddSingleton<IInboxHandler>(_handler)));

    private IInbox Inbox => Host.Services.GetRequiredService<IInbox>();
    private InboxProcessor Processor => Host.Services.GetRequiredService<InboxProcessor>();

    public void Dispose()
    {
        _host?.Dispose();
        GC.SuppressFinalize(this);
    }

    private InboxDelivery Delivery(string body = "{}") =>
        new(_handler.Channel, Encoding.UTF8.GetBytes(body), new Dictionary<string, string> { ["X-Test"] = "1" });

    private InboxItem Item(string key, Guid? tenant) => new(_handler.Channel, key, tenant, "message", $$"""{"key":"{{key}}"}""");

    private async Task<List<InboxEntry>> EntriesAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.InboxEntries.AsNoTracking().Where(e => e.Channel == _handler.Channel).OrderBy(e => e.DedupKey).ToListAsync();
    }

    [Fact]
    public async Task Accepted_items_are_stored_once_with_their_delivery_and_an_unknown_tenant_is_kept_but_ignored()
    {
        var tenant = await app.CreateTenantAsync();
        var items = new[] { Item("msg:a", tenant.Id), Item("msg:b", tenant.Id), Item("msg:nobody", null) };

        (await Inbox.AcceptAsync(Delivery("""{"batch":1}"""), items, CancellationToken.None)).Should().Be(new InboxAcceptance(3, 0));
        (await Inbox.AcceptAsync(Delivery("""{"batch":1}"""), items, CancellationToken.None)).Should().Be(new InboxAcceptance(0, 3));

        var entries = await EntriesAsync();
        entries.Select(e => (e.DedupKey, e.Status)).Should().Equal(
            ("msg:a", InboxStatus.Pending), ("msg:b", InboxStatus.Pending), ("msg:nobody", InboxStatus.Ignored));
        entries.Select(e => e.DeliveryId).Distinct().Should().ContainSingle("one delivery row per HTTP delivery, not per item");
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == entries[0].DeliveryId);
            Encoding.UTF8.GetString(delivery.Body).Should().Be("""{"batch":1}""");
            delivery.Headers.Should().Contain("X-Test");
        }

        (await Processor.ProcessDueAsync(CancellationToken.None)).Should().Be(2);
        _handler.Handled.Keys.Should().BeEquivalentTo(["msg:a", "msg:b"], "an item without a tenant is never processed");
        (await EntriesAsync()).Select(e => e.Status).Should().Equal(InboxStatus.Done, InboxStatus.Done, InboxStatus.Ignored);
    }

    [Fact]
    public async Task Concurrent_redeliveries_store_each_key_once()
    {
        var tenant = await app.CreateTenantAsync();
        var items = Enumerable.Range(0, 10).Select(i => Item($"msg:{i}", tenant.Id)).ToList();

        var inbox = Inbox;
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => inbox.AcceptAsync(Delivery(), items, CancellationToken.None))));

        results.Sum(r => r.Stored).Should().Be(10);
        results.Sum(r => r.Duplicates).Should().Be(50);
        (await EntriesAsync()).Should().HaveCount(10);
    }

    [Fact]
    public async Task Deliveries_arriving_together_are_each_stored_once_with_their_own_counts()
    {
        var tenant = await app.CreateTenantAsync();
        var inbox = Inbox;
        // 120 deliveries at once, every third a redelivery of an earlier key: written in shared commits, answered apart.
        var results = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => Task.Run(() =>
            inbox.AcceptAsync(Delivery($$"""{"n":{{i}}}"""), [Item($"msg:burst-{(i % 3 == 2 ? i - 1 : i)}", tenant.Id), Item($"msg:burst-{i}-b", tenant.Id)],
                CancellationToken.None))));

        results.Sum(r => r.Stored).Should().Be(200, "80 distinct first keys and 120 second keys");
        results.Sum(r => r.Duplicates).Should().Be(40);
        results.Should().OnlyContain(r => r.Stored + r.Duplicates == 2);
        var entries = await EntriesAsync();
        entries.Should().HaveCount(200);
        entries.Select(e => e.DeliveryId).Distinct().Should().HaveCount(120, "every delivery keeps its own row");
    }

    [Fact]
    public async Task Each_item_is_handled_in_its_own_tenants_scope()
    {
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        await Inbox.AcceptAsync(Delivery(), [Item("msg:1", first.Id), Item("msg:2", second.Id), Item("msg:3", first.Id)], CancellationToken.None);

        await Processor.ProcessDueAsync(CancellationToken.None);

        _handler.Handled.Should().HaveCount(3);
        foreach (var (_, seen) in _handler.Handled)
        {
            seen.ScopeTenant.Should().Be(seen.ItemTenant, "the handler runs inside the item's own tenant scope");
        }
        _handler.Handled["msg:2"].ScopeTenant.Should().Be(second.Id);
    }

    [Fact]
    public async Task Different_customers_are_handled_side_by_side_and_one_customers_items_in_order()
    {
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        await Inbox.AcceptAsync(Delivery(), [
            Item("msg:alice#1", first.Id), Item("msg:bob#1", first.Id), Item("msg:alice#2", first.Id),
            Item("msg:alice#3", first.Id), Item("msg:bob#2", first.Id), Item("msg:alice#1x", second.Id)], CancellationToken.None);
        _handler.Delay = TimeSpan.FromMilliseconds(150);

        (await Processor.ProcessDueAsync(CancellationToken.None)).Should().Be(6);

        _handler.Handled.Should().HaveCount(6);
        _handler.MostAtOnce.Should().BeGreaterThan(1, "alice, bob and the other tenant's customer need not wait for each other");
        _handler.MostAtOnceForOneKey.Should().Be(1, "one customer's items never overlap");
        _handler.Order.Where(k => k.StartsWith("msg:alice#", StringComparison.Ordinal) && !k.EndsWith('x'))
            .Should().Equal("msg:alice#1", "msg:alice#2", "msg:alice#3");
    }

    [Fact]
    public async Task A_failing_item_is_retried_with_back_off_then_failed_with_its_error_kept()
    {
        var tenant = await app.CreateTenantAsync();
        _handler.Fail = true;
        await Inbox.AcceptAsync(Delivery(), [Item("msg:bad", tenant.Id)], CancellationToken.None);

        await Processor.ProcessDueAsync(CancellationToken.None);
        _handler.Calls.Should().Be(1);
        (await EntriesAsync()).Single().Should().Match<InboxEntry>(e => e.Status == InboxStatus.Pending && e.Attempts == 1 && e.Error!.Contains("handler down"));

        await Processor.ProcessDueAsync(CancellationToken.None);
        _handler.Calls.Should().Be(1, "the first retry waits 10 s");
        _clock.Advance(TimeSpan.FromSeconds(11));
        await Processor.ProcessDueAsync(CancellationToken.None);
        _handler.Calls.Should().Be(2);
        _clock.Advance(TimeSpan.FromSeconds(11));
        await Processor.ProcessDueAsync(CancellationToken.None);
        _handler.Calls.Should().Be(2, "the second retry waits 20 s");
        _clock.Advance(TimeSpan.FromSeconds(10));
        await Processor.ProcessDueAsync(CancellationToken.None);
        _handler.Calls.Should().Be(3);

        var entry = (await EntriesAsync()).Single();
        entry.Status.Should().Be(InboxStatus.Failed, "three attempts are the limit here");
        entry.Error.Should().Contain("handler down");
        _clock.Advance(TimeSpan.FromHours(1));
        await Processor.ProcessDueAsync(CancellationToken.None);
        _handler.Calls.Should().Be(3, "failed is final until an operator retries it");

        _handler.Fail = false;
        (await Host.Services.GetRequiredService<InboxStore>().RetryFailedAsync(_handler.Channel, CancellationToken.None)).Should().Be(1);
        await Processor.ProcessDueAsync(CancellationToken.None);
        (await EntriesAsync()).Single().Status.Should().Be(InboxStatus.Done);
    }

    [Fact]
    public async Task An_item_claimed_by_a_node_that_died_is_processed_once_after_the_lease()
    {
        var tenant = await app.CreateTenantAsync();
        await Inbox.AcceptAsync(Delivery(), [Item("msg:orphan", tenant.Id)], CancellationToken.None);
        var store = Host.Services.GetRequiredService<InboxStore>();
        var now = _clock.GetUtcNow().UtcDateTime;
        var deadToken = Guid.NewGuid();
        (await store.ClaimAsync(deadToken, now, now.AddSeconds(60), 10, [_handler.Channel], [], CancellationToken.None)).Should().ContainSingle();

        (await Processor.ProcessDueAsync(CancellationToken.None)).Should().Be(0, "the dead node's lease still holds it");
        _clock.Advance(TimeSpan.FromSeconds(61));
        (await Processor.ProcessDueAsync(CancellationToken.None)).Should().Be(1);
        (await Processor.ProcessDueAsync(CancellationToken.None)).Should().Be(0);

        _handler.Calls.Should().Be(1);
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
            (await InboxStore.CompleteAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), (await EntriesAsync()).Single().Id, deadToken, now,
                CancellationToken.None)).Should().BeFalse("the dead node's claim no longer counts");
        }
        (await EntriesAsync()).Single().Should().Match<InboxEntry>(e => e.Status == InboxStatus.Done && e.Attempts == 2);
    }

    [Fact]
    public async Task Deliveries_past_retention_are_pruned_once_their_items_are_finished_and_unfinished_ones_are_kept()
    {
        var tenant = await app.CreateTenantAsync();
        await Inbox.AcceptAsync(Delivery(), [Item("msg:done-1", tenant.Id), Item("msg:done-2", tenant.Id)], CancellationToken.None);
        await Processor.ProcessDueAsync(CancellationToken.None);
        _handler.Fail = true;
        await Inbox.AcceptAsync(Delivery(), [Item("msg:retrying", tenant.Id)], CancellationToken.None);
        await Processor.ProcessDueAsync(CancellationToken.None);
        await Inbox.AcceptAsync(Delivery(), [Item("msg:nobody", null)], CancellationToken.None);
        var pruner = Host.Services.GetRequiredService<QueuePruner>();

        _clock.Advance(TimeSpan.FromDays(29));
        await pruner.PruneDueAsync(CancellationToken.None);
        (await EntriesAsync()).Should().HaveCount(4, "30 days are kept");

        _clock.Advance(TimeSpan.FromDays(2));
        (await pruner.PruneDueAsync(CancellationToken.None)).Deliveries.Should().BeGreaterThanOrEqualTo(2);

        var left = await EntriesAsync();
        left.Select(e => (e.DedupKey, e.Status)).Should().Equal(("msg:retrying", InboxStatus.Pending));
        await using var scope = Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
        (await scope.ServiceProvider.GetRequiredService<AppDbContext>().WebhookDeliveries.AnyAsync(d => d.Id == left[0].DeliveryId))
            .Should().BeTrue("a delivery with unfinished work stays");
    }

    [Fact]
    public async Task A_node_without_the_worker_stores_items_unclaimed_for_any_node_to_take()
    {
        var tenant = await app.CreateTenantAsync();

        await Inbox.AcceptAsync(Delivery(), [Item("msg:unclaimed", tenant.Id)], CancellationToken.None);

        (await EntriesAsync()).Single().Should().Match<InboxEntry>(e =>
            e.Status == InboxStatus.Pending && e.Attempts == 0 && e.ClaimToken == null && e.ClaimedUntil == null);
        (await Processor.ProcessDueAsync(CancellationToken.None)).Should().Be(1);
        (await EntriesAsync()).Single().Should().Match<InboxEntry>(e => e.Status == InboxStatus.Done && e.Attempts == 1);
    }

    [Fact]
    public async Task An_item_accepted_on_a_node_whose_worker_runs_is_handed_to_it_without_a_claim_or_the_poll()
    {
        _workerEnabled = true;
        var tenant = await app.CreateTenantAsync();
        using var claims = new InboxClaimStatements(_handler.Channel);
        await StartWorkerAfterAnItemFromElsewhereAsync(tenant.Id);

        await Inbox.AcceptAsync(Delivery(), [Item("msg:here", tenant.Id)], CancellationToken.None);

        await WaitUntilAsync(async () => (await EntriesAsync()).Single(e => e.DedupKey == "msg:here").Status == InboxStatus.Done);
        (await EntriesAsync()).Single(e => e.DedupKey == "msg:here").Attempts.Should().Be(1);
        claims.Count.Should().Be(1, "only the worker's first claim ran: the item accepted here was stored claimed and handed over " +
            "(the poll interval is 10 minutes)");
    }

    [Fact]
    public async Task A_customers_item_handed_over_waits_for_the_customers_earlier_item_the_worker_claimed()
    {
        _workerEnabled = true;
        var tenant = await app.CreateTenantAsync();
        using var claims = new InboxClaimStatements(_handler.Channel);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler.Gates["msg:alice#1"] = first;
        // Accepted on another node before the worker here started: its first claim takes it.
        await app.Services.GetRequiredService<IInbox>().AcceptAsync(Delivery(), [Item("msg:alice#1", tenant.Id)], CancellationToken.None);
        _ = Host.Services;
        await WaitUntilAsync(() => _handler.Order.Contains("msg:alice#1"));

        await Inbox.AcceptAsync(Delivery(), [Item("msg:alice#2", tenant.Id), Item("msg:bob#1", tenant.Id)], CancellationToken.None);
        await WaitUntilAsync(() => _handler.Handled.ContainsKey("msg:bob#1"));

        _handler.Order.Should().NotContain("msg:alice#2", "alice's second message waits for her first, which the worker claimed");
        first.SetResult();
        await WaitUntilAsync(() => _handler.Handled.ContainsKey("msg:alice#2"));
        _handler.Order.Where(k => k.StartsWith("msg:alice", StringComparison.Ordinal)).Should().Equal("msg:alice#1", "msg:alice#2");
        claims.Count.Should().Be(1, "alice's second message and bob's were handed over, not claimed");
    }

    [Fact]
    public async Task An_item_the_worker_has_no_room_for_is_stored_unclaimed_and_claimed_once_room_frees_up()
    {
        _workerEnabled = true;
        _batchSize = 2;
        var tenant = await app.CreateTenantAsync();
        using var claims = new InboxClaimStatements(_handler.Channel);
        var gates = new[] { "msg:start", "msg:x" }.Select(key =>
            _handler.Gates[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        await app.Services.GetRequiredService<IInbox>().AcceptAsync(Delivery(), [Item("msg:start", tenant.Id)], CancellationToken.None);
        _ = Host.Services;
        await WaitUntilAsync(() => _handler.Order.Contains("msg:start"));

        await Inbox.AcceptAsync(Delivery(), [Item("msg:x", tenant.Id)], CancellationToken.None);
        await Inbox.AcceptAsync(Delivery(), [Item("msg:y", tenant.Id)], CancellationToken.None);

        var entries = await EntriesAsync();
        entries.Single(e => e.DedupKey == "msg:x").Should().Match<InboxEntry>(e => e.Attempts == 1 && e.ClaimToken != null,
            "the worker held one item of two: this one was handed over");
        entries.Single(e => e.DedupKey == "msg:y").Should().Match<InboxEntry>(e => e.Attempts == 0 && e.ClaimToken == null,
            "the worker was full");
        claims.Count.Should().Be(1);
        gates.ForEach(g => g.SetResult());
        await WaitUntilAsync(async () => (await EntriesAsync()).All(e => e.Status == InboxStatus.Done));
        (await EntriesAsync()).Single(e => e.DedupKey == "msg:y").Attempts.Should().Be(1);
        claims.Count.Should().BeGreaterThan(1, "the worker claimed it once room freed up");
    }

    [Fact]
    public async Task An_item_handed_to_a_worker_that_stopped_before_finishing_it_is_claimed_by_another_node_after_the_lease()
    {
        _workerEnabled = true;
        var tenant = await app.CreateTenantAsync();
        _handler.Gates["msg:stuck"] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartWorkerAfterAnItemFromElsewhereAsync(tenant.Id);
        await Inbox.AcceptAsync(Delivery(), [Item("msg:stuck", tenant.Id)], CancellationToken.None);
        await WaitUntilAsync(() => _handler.Order.Contains("msg:stuck"));

        _host!.Dispose();
        _host = null;
        _workerEnabled = false;
        _handler.Gates.Clear();

        (await EntriesAsync()).Single(e => e.DedupKey == "msg:stuck").Should().Match<InboxEntry>(e =>
            e.Status == InboxStatus.Pending && e.Attempts == 1 && e.ClaimToken != null);
        (await Processor.ProcessDueAsync(CancellationToken.None)).Should().Be(0, "the stopped node's lease still holds it");
        _clock.Advance(TimeSpan.FromSeconds(61));
        (await Processor.ProcessDueAsync(CancellationToken.None)).Should().Be(1);
        (await EntriesAsync()).Single(e => e.DedupKey == "msg:stuck").Should().Match<InboxEntry>(e =>
            e.Status == InboxStatus.Done && e.Attempts == 2);
        _handler.Handled.Should().ContainKey("msg:stuck");
    }

    /// <summary>
    /// Starts this test's host with its worker once an item accepted on another node (the collection's host, which has
    /// no handler for this channel) waits for it, and returns when that item is done: the worker's first claim took it,
    /// so the worker has caught up and takes hand-overs.
    /// </summary>
    private async Task StartWorkerAfterAnItemFromElsewhereAsync(Guid tenantId)
    {
        await app.Services.GetRequiredService<IInbox>().AcceptAsync(Delivery(), [Item("msg:elsewhere", tenantId)], CancellationToken.None);
        _ = Host.Services;
        await WaitUntilAsync(() => _handler.Handled.ContainsKey("msg:elsewhere"));
    }

    [Fact]
    public async Task The_worker_takes_a_new_message_while_an_earlier_one_is_still_being_answered()
    {
        _workerEnabled = true;
        var tenant = await app.CreateTenantAsync();
        var slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler.Gates["msg:alice#1"] = slow;
        await Inbox.AcceptAsync(Delivery(), [Item("msg:alice#1", tenant.Id)], CancellationToken.None);
        await WaitUntilAsync(() => _handler.Order.Contains("msg:alice#1"));

        await Inbox.AcceptAsync(Delivery(), [Item("msg:bob#1", tenant.Id), Item("msg:alice#2", tenant.Id)], CancellationToken.None);
        await WaitUntilAsync(() => _handler.Handled.ContainsKey("msg:bob#1"));

        _handler.Handled.Keys.Should().BeEquivalentTo(["msg:bob#1"], "bob need not wait for alice's slow turn, and alice's next message must");
        slow.SetResult();
        await WaitUntilAsync(() => _handler.Handled.ContainsKey("msg:alice#2"));
        _handler.Order.Where(k => k.StartsWith("msg:alice", StringComparison.Ordinal)).Should().Equal("msg:alice#1", "msg:alice#2");
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the worker should have got there by now");
            await Task.Delay(20);
        }
    }

    private sealed class RecordingHandler(string channel) : IInboxHandler
    {
        private int _calls;

        public string Channel => channel;
        public bool Fail { get; set; }
        public int Calls => Volatile.Read(ref _calls);
        public ConcurrentDictionary<string, (Guid? ItemTenant, Guid? ScopeTenant)> Handled { get; } = new();
        public TimeSpan Delay { get; set; }
        /// <summary>Items whose key has a gate here wait, once started, until it is opened.</summary>
        public ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();
        public ConcurrentQueue<string> Order { get; } = new();
        public int MostAtOnce { get; private set; }
        public int MostAtOnceForOneKey { get; private set; }
        private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);

        /// <summary>Keys written <c>{customer}#{n}</c> are ordered by customer (per tenant, as the processor adds).</summary>
        public string? OrderKey(InboxItem item) => item.Key.Contains('#') ? item.Key.Split('#')[0] : null;

        public async Task HandleAsync(InboxItem item, IServiceProvider tenantServices, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (Fail)
            {
                throw new InvalidOperationException("handler down");
            }
            var key = $"{item.TenantId}:{OrderKey(item) ?? item.Key}";
            lock (_running)
            {
                _running[key] = _running.GetValueOrDefault(key) + 1;
                MostAtOnce = Math.Max(MostAtOnce, _running.Values.Sum());
                MostAtOnceForOneKey = Math.Max(MostAtOnceForOneKey, _running[key]);
            }
            Order.Enqueue(item.Key);
            if (Gates.TryGetValue(item.Key, out var gate))
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }
            lock (_running)
            {
                _running[key]--;
            }
            Handled[item.Key] = (item.TenantId, tenantServices.GetRequiredService<AppDbContext>().CurrentTenantId);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InboxTestsOnSqlite(SqliteFactory app) : InboxTests(app);

[Collection(PostgresCollection.Name)]
public sealed class InboxTestsOnPostgres(PostgresFactory app) : InboxTests(app);
