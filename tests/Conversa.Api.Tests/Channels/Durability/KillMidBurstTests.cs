using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Channels.WhatsApp;
using Conversa.Api.Tests.Hosting;
using Conversa.Api.Tests.Support;
using Xunit.Abstractions;

namespace Conversa.Api.Tests.Channels.Durability;

/// <summary>
/// The durable inbox and outbox under a real crash. A sender posts 150 signed WhatsApp messages for two tenants, each
/// from its own number, a few at a time, redelivering every one not answered 200 as Meta does. Mid-burst the server
/// process is killed with SIGKILL — webhooks in flight, inbox items unprocessed, replies unsent, one send waiting on the
/// provider — and a new process is started on the same database and port, where some acknowledged webhooks arrive
/// once more. Every message must be answered exactly once at the fake Graph API: none lost, none twice.
/// <para>
/// The one window this cannot close is made deterministic instead of left to luck: a send the provider accepted whose
/// mark the node had not committed when it died is sent again (providers take no idempotency key; see
/// <c>OutboxSender</c>). So before the kill the fake Graph API holds new sends unanswered, and the test waits until
/// every send it did answer is marked sent in the database. Held sends are never accepted — on release they get 503,
/// like a provider that failed before accepting — and only sends answered 2xx count as delivered.
/// </para>
/// </summary>
public abstract class KillMidBurstTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Messages = 150;
    private const int InFlight = 6;
    private const int LeaseSeconds = 3;
    private const string AdminEmail = "root@kill-test.test";
    private const string AdminPassword = "kill-test-admin-password";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string _masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _jwtKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<ServerProcess> _nodes = [];
    private FakeGraphApi _graph = null!;

    protected string DataDir { get; } = Path.Combine(Path.GetTempPath(), "conversa-kill", Guid.NewGuid().ToString("N"));

    protected abstract NodeDatabase Database { get; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        await Database.CreateAsync();
        _graph = await FakeGraphApi.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        await _graph.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    [Fact]
    public async Task A_node_killed_mid_burst_answers_every_redelivered_message_exactly_once_after_a_restart()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var port = FreePort();
        var server = new Uri($"http://127.0.0.1:{port}");
        var first = await StartNodeAsync(port);
        var startedAt = clock.Elapsed;
        using var admin = new HttpClient { BaseAddress = server };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await Http.LoginAsync(admin, AdminEmail, AdminPassword));
        var numbers = new[] { await TenantWithNumberAsync(admin), await TenantWithNumberAsync(admin) };
        var webhooks = Enumerable.Range(0, Messages).Select(i => Inbound(i, numbers[i % 2])).ToList();
        var expected = webhooks.Select((_, i) => (To: Recipient(i), Path: $"/v25.0/{numbers[i % 2].PhoneNumberId}/messages")).ToList();

        var sender = new RedeliveringSender(server, IWhatsAppApp.PlatformAppSecret, InFlight);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        sender.Open(Messages / 3);
        var burst = sender.DeliverAllAsync(webhooks, giveUp.Token);

        await WaitUntilAsync(() => Task.FromResult(_graph.Accepted.Count >= 10), "ten replies accepted before the kill", first);
        var repliedAt = clock.Elapsed;
        _graph.Hold();
        await WaitUntilAsync(async () => await Database.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE status = 'sent'") == _graph.Accepted.Count,
            "every accepted send marked sent", first);
        var acceptedBeforeKill = _graph.Accepted.Count;
        var acknowledged = sender.Acknowledged;
        // Not the whole rest yet: acknowledgements are fast enough to finish the burst between two looks of the wait
        // below, and the kill must hit it while it goes on. The rest is let go at the kill and meets a dead port.
        sender.Open(acknowledged + (5 * InFlight));
        await WaitUntilAsync(() => Task.FromResult(sender.Acknowledged >= acknowledged + (3 * InFlight) && _graph.Held > 0),
            "the burst going on and a send waiting on the provider", first);

        (await first.KillAsync()).Should().Be(137, "SIGKILL ends the process without any shutdown");
        sender.Open(Messages);
        var acknowledgedAtKill = sender.Acknowledged;
        var inboxLeft = await Database.CountAsync("SELECT COUNT(*) FROM inbox_items WHERE status = 'pending'");
        var outboxLeft = await Database.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE status = 'pending'");
        var killedAt = clock.Elapsed;
        _graph.Release();
        var second = await StartNodeAsync(port);
        var restartedAt = clock.Elapsed;

        // Meta delivers at least once: some webhooks of the first part arrive once more after they were acknowledged.
        await burst.WaitAsync(giveUp.Token);
        var again = new RedeliveringSender(server, IWhatsAppApp.PlatformAppSecret, InFlight);
        again.Open(Messages);
        await again.DeliverAllAsync(webhooks.Take(Messages / 3).Where((_, i) => i % 5 == 0).ToList(), giveUp.Token);
        var drained = await WaitUntilAsync(async () =>
            _graph.Accepted.Count >= Messages &&
            await Database.CountAsync("SELECT COUNT(*) FROM inbox_items WHERE status <> 'done'") == 0 &&
            await Database.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE status <> 'sent'") == 0,
            "every message answered and both queues drained", second, required: false);
        var drainedAt = clock.Elapsed;
        output.WriteLine(
            $"started {startedAt.TotalSeconds:F1} s, ten replies {repliedAt.TotalSeconds:F1} s, killed {killedAt.TotalSeconds:F1} s " +
            $"({acknowledgedAtKill}/{Messages} acknowledged, {acceptedBeforeKill} replies accepted, {inboxLeft} inbox items and {outboxLeft} replies " +
            $"pending), restarted {restartedAt.TotalSeconds:F1} s, drained {drainedAt.TotalSeconds:F1} s; {sender.FailedDeliveries} failed deliveries");
        // Anything still to come (a lease running out on a forgotten claim) would arrive within a lease.
        await Task.Delay(TimeSpan.FromSeconds(LeaseSeconds + 1));

        acknowledgedAtKill.Should().BeLessThan(Messages, "the kill hit mid-burst");
        sender.FailedDeliveries.Should().BeGreaterThan(0, "webhooks unacknowledged at the kill were redelivered");
        acceptedBeforeKill.Should().BeGreaterThanOrEqualTo(10, "replies were sent before the kill");
        inboxLeft.Should().BeGreaterThan(0, "the dead node left inbox items unprocessed");
        outboxLeft.Should().BeGreaterThan(0, "the dead node left replies unsent");

        var sends = _graph.Accepted.Select(r => (To: r.Body!["to"]!.GetValue<string>(), Path: r.Path)).ToList();
        sends.Should().OnlyHaveUniqueItems("no message is answered twice").And.BeEquivalentTo(expected, "every message is answered, none lost");
        _graph.Accepted.Should().OnlyContain(r => !string.IsNullOrWhiteSpace(r.Body!["text"]!["body"]!.GetValue<string>()));
        (await Database.CountAsync("SELECT COUNT(*) FROM inbox_items WHERE status = 'done'")).Should().Be(Messages);
        (await Database.CountAsync("SELECT COUNT(*) FROM outbox_messages")).Should().Be(Messages, "one reply per message");
        (await Database.CountAsync("SELECT COUNT(DISTINCT sent_by) FROM outbox_messages")).Should().Be(2, "both nodes sent replies");
        (await Database.CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE attempts > 1")).Should().BeGreaterThan(0,
            "the send held at the kill was claimed again after its lease");
        (await Database.CountAsync("SELECT COUNT(*) FROM inbox_items WHERE attempts > 1")).Should().BeGreaterThan(0,
            "items the dead node had claimed were claimed again after their lease");
        drained.Should().BeTrue("both queues drain");
    }

    private async Task<ServerProcess> StartNodeAsync(int port)
    {
        var environment = new Dictionary<string, string>(Database.Settings)
        {
            ["CONVERSA_DATA_DIR"] = DataDir,
            ["CONVERSA_MASTER_KEY"] = _masterKey,
            ["CONVERSA_JWT_SIGNING_KEY"] = _jwtKey,
            ["CONVERSA_ADMIN_EMAIL"] = AdminEmail,
            ["CONVERSA_ADMIN_PASSWORD"] = AdminPassword,
            ["CONVERSA_SEED_DEMO"] = "false",
            ["CONVERSA_WHATSAPP_GRAPH_URL"] = _graph.BaseUrl,
            ["CONVERSA_WHATSAPP_APP_SECRET"] = IWhatsAppApp.PlatformAppSecret,
            ["CONVERSA_WHATSAPP_VERIFY_TOKEN"] = IWhatsAppApp.PlatformVerifyToken,
            ["Conversa__WhatsApp__ApiVersion"] = "v25.0",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning",
            ["Conversa__Inbox__LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Conversa__Inbox__PollSeconds"] = "0.1",
            ["Conversa__Inbox__RetryBaseSeconds"] = "0.5",
            ["Conversa__Outbox__LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Conversa__Outbox__PollSeconds"] = "0.1",
            ["Conversa__Outbox__RetryBaseSeconds"] = "0.5",
        };
        var node = ServerProcess.Start(environment, "--urls", $"http://127.0.0.1:{port}");
        _nodes.Add(node);
        await node.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(90));
        return node;
    }

    private sealed record TenantNumber(string Slug, string PhoneNumberId);

    /// <summary>A tenant made by the platform admin, with a WhatsApp number its owner's key configured.</summary>
    private async Task<TenantNumber> TenantWithNumberAsync(HttpClient admin)
    {
        var slug = "k-" + Guid.NewGuid().ToString("N")[..10];
        var created = await Http.ReadAsync(
            await admin.PostAsJsonAsync("/api/admin/tenants", new { slug, name = "Kill test " + slug, timezone = "America/Bogota" }), 201);
        using var owner = new HttpClient { BaseAddress = admin.BaseAddress };
        owner.DefaultRequestHeaders.Add("X-API-Key", created["api_key"]!["key"]!.GetValue<string>());
        var number = WhatsAppTestSetup.NewPhoneNumberId();
        await owner.PutJsonAsync("/api/channels/whatsapp", new
        {
            phone_number_id = number,
            waba_id = "102290129340398",
            display_phone_number = "15550783881",
            access_token = _graph.AccessToken,
        }, 200);
        return new TenantNumber(slug, number);
    }

    private static string Sender(int i) => "1650" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    private static string Recipient(int i) => "+" + Sender(i);

    /// <summary>Message <paramref name="i"/>: its own wamid and sender; the first tenant's on the platform URL, the second's on its own.</summary>
    private static Webhook Inbound(int i, TenantNumber number)
    {
        var body = WhatsAppFixtures.For("whatsapp_inbound_text", number.PhoneNumberId, $".kill{i}.{Guid.NewGuid():N}", json =>
        {
            var value = WhatsAppFixtures.Values(json).Single();
            value["contacts"]![0]!["wa_id"] = Sender(i);
            value["contacts"]![0]!["profile"]!["name"] = $"Customer {i}";
            value["messages"]![0]!["from"] = Sender(i);
        });
        return new Webhook(i % 2 == 0 ? "/webhooks/whatsapp" : $"/webhooks/whatsapp/{number.Slug}", body);
    }

    /// <summary>Polls until the condition holds; past the patience throws, or returns false when not <paramref name="required"/>.</summary>
    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, string what, ServerProcess node, bool required = true)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return required ? throw new TimeoutException($"Still waiting for {what}. Node output:\n{node.Output}") : false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class KillMidBurstTestsOnPostgres(ITestOutputHelper output) : KillMidBurstTests(output)
{
    protected override NodeDatabase Database { get; } = new PostgresNodeDatabase();
}

public sealed class KillMidBurstTestsOnSqlite(ITestOutputHelper output) : KillMidBurstTests(output)
{
    private NodeDatabase? _database;

    protected override NodeDatabase Database => _database ??= new SqliteNodeDatabase(DataDir);
}
