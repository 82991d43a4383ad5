using System.Globalization;
using Conversa.Benchmarks.Booking;

namespace Conversa.Benchmarks.Webhooks;

/// <summary>
/// WhatsApp webhooks through the real app on loopback with durable storage, on SQLite and (when
/// <c>CONVERSA_TEST_POSTGRES</c> names a server) PostgreSQL. First the acknowledgements: signed webhooks, each a new
/// message, on the platform URL and on a tenant's own URL (its own app secret), plus Meta redelivering one message,
/// next to bare Kestrel reading the same bodies, in the same interleaved rounds; the inbox worker is off on that node,
/// so the figure is the ack path alone (delivery and item stored before 200). Then webhook to reply end to end on a
/// second app with the worker on: the builtin engine answers and the outbox sends to a fake Graph API on loopback.
/// Signed Chatwoot webhooks (tenant found by account and inbox) are measured with the acknowledgements.
/// </summary>
public static class WebhookScenario
{
    private const string PlatformSecret = "bench-platform-app-secret";
    private const string TenantSecret = "bench-tenant-app-secret";
    private const string ChatwootSecret = "bench-chatwoot-webhook-secret";
    private const double TargetAcksPerSecond = 5_000;
    private const double TargetAckP99Ms = 20;
    private const double TargetReplyP99Ms = 100;
    private const int EndToEndContacts = 8;
    private const string PlatformSlug = "bench-wa-platform";

    /// <summary>Both parts; <c>replies</c> on the command line runs only the end-to-end part.</summary>
    public static async Task RunAsync(BenchOptions options, bool acknowledgements = true)
    {
        Console.WriteLine($"## webhooks (concurrency {options.Concurrency}, {options.Duration.TotalSeconds:F0} s per variant in {InterleavedRuns.Rounds} interleaved rounds; {MachineLoad.Describe()})");
        await using var bare = await BareKestrel.StartAsync();
        await using var graph = await FakeGraph.StartAsync();
        if (acknowledgements)
        {
            await AcknowledgementsAsync(options, bare, graph, BenchDatabase.Sqlite());
        }
        await EndToEndAsync(options, graph, BenchDatabase.Sqlite());
        if (BenchDatabase.PostgresServer is { } server)
        {
            if (acknowledgements)
            {
                await AcknowledgementsAsync(options, bare, graph, await BenchDatabase.PostgresAsync(server));
            }
            await EndToEndAsync(options, graph, await BenchDatabase.PostgresAsync(server));
        }
        else
        {
            Console.WriteLine("(PostgreSQL skipped: set CONVERSA_TEST_POSTGRES to a server, e.g. Host=127.0.0.1;Port=54329;Username=postgres;Database=postgres)");
        }
    }

    private static async Task AcknowledgementsAsync(BenchOptions options, BareKestrel bare, FakeGraph graph, BenchDatabase database)
    {
        await using var db = database;
        await using var app = ConversaApp.Start(Settings(db, graph, inboxWorker: false));
        var api = await BookingApi.CreateAsync(app.Address);
        var (platform, tenant, _) = await TenantsAsync(api);
        var chatwoot = await ChatwootTenantAsync(api);
        var echo = new WhatsAppTraffic("/webhook", "100000000000001", PlatformSecret, "bare");
        var results = await new InterleavedRuns(options.Concurrency, options.Duration, options.WarmUp).RunAsync(
            new LoadVariant("bare Kestrel POST /webhook (same bodies)", bare.Address, () => echo.NewMessage()),
            new LoadVariant($"{db.Name}: POST /webhooks/whatsapp (platform secret)", app.Address, () => platform.NewMessage()),
            new LoadVariant($"{db.Name}: POST /webhooks/whatsapp/{{tenant}} (tenant secret)", app.Address, () => tenant.NewMessage()),
            new LoadVariant($"{db.Name}: POST /webhooks/whatsapp, redelivered message", app.Address, platform.Redelivery),
            new LoadVariant($"{db.Name}: POST /webhooks/chatwoot (signed, tenant by account)", app.Address, chatwoot.NewMessage));
        var (baseline, shared, own, redelivered, chatwootAcks) = (results[0], results[1], results[2], results[3], results[4]);

        Console.WriteLine();
        Console.WriteLine($"### acknowledgements, {db.Name} (inbox worker off on this node)");
        Console.WriteLine(VariantResult.Header);
        Console.WriteLine(baseline.Row());
        Console.WriteLine(shared.Row(baseline));
        Console.WriteLine(own.Row(baseline));
        Console.WriteLine(redelivered.Row(shared));
        Console.WriteLine(chatwootAcks.Row(baseline));
        Console.WriteLine();
        using var client = new ConversaClient(app.Address);
        var pending = await client.MetricAsync("conversa_inbox_items{status=\"pending\"}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stored: {pending:F0} pending inbox items for {platform.Sent + tenant.Sent + chatwoot.Sent:N0} new messages posted (warm-up included) plus the one redelivered message"));
        foreach (var run in new[] { shared, own, chatwootAcks })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target >= {TargetAcksPerSecond:N0} acks/s with p99 < {TargetAckP99Ms} ms, {run.Name}: " +
                $"{(run.RequestsPerSecond >= TargetAcksPerSecond && run.MedianP99Ms < TargetAckP99Ms ? "MET" : "MISSED")} " +
                $"({run.RequestsPerSecond:F0}/s, p99 {run.MedianP99Ms:F1} ms; bare Kestrel {baseline.RequestsPerSecond:F0}/s, p99 {baseline.MedianP99Ms:F1} ms)"));
        }
        Console.WriteLine($"({MachineLoad.Describe()})");
    }

    private static async Task EndToEndAsync(BenchOptions options, FakeGraph graph, BenchDatabase database)
    {
        await using var db = database;
        await using var app = ConversaApp.Start(Settings(db, graph, inboxWorker: true));
        var api = await BookingApi.CreateAsync(app.Address);
        var (platform, _, platformTenant) = await TenantsAsync(api);
        var run = new EndToEndRun(app.Address, graph, platform, EndToEndContacts);
        // The warm-up also lets the JIT settle: with 2 s, half the profile of the measured run was still tier-0 code.
        await run.RunAsync(options.WarmUp ?? (options.Duration / 4 < TimeSpan.FromSeconds(2) ? options.Duration / 4 : TimeSpan.FromSeconds(2)));
        var unexpectedBefore = graph.Unexpected;
        var result = await run.RunAsync(options.Duration);
        var handedOff = await HandedOffContactsAsync(platformTenant);
        var silent = result.Lost.Count(l => handedOff.Contains(l.Contact));
        var lost = result.Lost.Count - silent;
        Console.WriteLine();
        Console.WriteLine($"### webhook → reply end to end, {db.Name} (builtin engine, {EndToEndContacts} customers each waiting for their reply)");
        Console.WriteLine($"| run | replies/s | reply p50 ms | reply p99 ms | ack p99 ms | lost (no reply in {EndToEndRun.ReplyTimeout.TotalSeconds:F0} s) | silent by design (handed off) | ack errors | replies nobody waited for |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {db.Name}: webhook → Graph API | {result.TurnsPerSecond:F0} | {result.P50Ms:F1} | {result.P99Ms:F1} | {result.AckP99Ms:F1} | {lost} | {silent} | {result.AckErrors} | {graph.Unexpected - unexpectedBefore} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target reply p99 < {TargetReplyP99Ms} ms: {(result.P99Ms < TargetReplyP99Ms && lost == 0 ? "MET" : "MISSED")} ({result.P99Ms:F1} ms, {lost} lost)"));
        if (result.Lost.Count > 0)
        {
            Console.WriteLine($"no reply in time to: {string.Join(" | ", result.Lost.Select(l => $"{l.Text}{(handedOff.Contains(l.Contact) ? " (handed off)" : "")}").Distinct())}");
        }
        using var client = new ConversaClient(app.Address);
        var processed = await client.MetricAsync("conversa_inbox_processed_total");
        var pending = await client.MetricAsync("conversa_inbox_items{status=\"pending\"}");
        var failedAttempts = await client.MetricAsync("conversa_inbox_failed_attempts_total");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inbox after the run: {processed:F0} processed, {pending:F0} pending, {failedAttempts:F0} failed attempts"));
        Console.WriteLine($"outbox after the run: {string.Join(", ", await client.MetricLinesAsync("conversa_outbox_"))}");
        Console.WriteLine($"handoffs: {string.Join(", ", await client.MetricLinesAsync("conversa_chat_handoffs_total"))}");
        Console.WriteLine($"({MachineLoad.Describe()})");
        Console.WriteLine();
    }

    /// <summary>The customers (phone digits) whose WhatsApp conversation a person has now: the bot is silent there by design.</summary>
    private static async Task<HashSet<string>> HandedOffContactsAsync(BookingApi.Tenant tenant)
    {
        var page = await tenant.GetJsonAsync("/api/conversations?channel=whatsapp&status=handoff&limit=200");
        return [.. page["items"]!.AsArray().Select(c => c!["contact"]?["phone"]?.GetValue<string>()?.TrimStart('+')).OfType<string>()];
    }

    private static Dictionary<string, string> Settings(BenchDatabase db, FakeGraph graph, bool inboxWorker) =>
        new(db.Settings)
        {
            ["Conversa:WhatsApp:GraphUrl"] = graph.Address.ToString().TrimEnd('/'),
            ["Conversa:WhatsApp:ApiVersion"] = "v25.0",
            ["Conversa:WhatsApp:AppSecret"] = PlatformSecret,
            ["Conversa:Inbox:Enabled"] = inboxWorker ? "true" : "false",
        };

    /// <summary>Two tenants with a number each: one on the platform's Meta app, one with its own app secret.</summary>
    private static async Task<(WhatsAppTraffic Platform, WhatsAppTraffic Tenant, BookingApi.Tenant PlatformTenant)> TenantsAsync(BookingApi api)
    {
        var platform = await api.CreateTenantAsync(PlatformSlug);
        await platform.SendAsync(HttpMethod.Put, "/api/channels/whatsapp", Channel("106540352242922", appSecret: null));
        var own = await api.CreateTenantAsync("bench-wa-own");
        await own.SendAsync(HttpMethod.Put, "/api/channels/whatsapp", Channel("106540352242923", TenantSecret));
        return (new WhatsAppTraffic("/webhooks/whatsapp", "106540352242922", PlatformSecret, "platform"),
            new WhatsAppTraffic("/webhooks/whatsapp/bench-wa-own", "106540352242923", TenantSecret, "own"), platform);
    }

    /// <summary>A tenant answering a Chatwoot account's inbox, with a webhook secret.</summary>
    private static async Task<ChatwootTraffic> ChatwootTenantAsync(BookingApi api)
    {
        var tenant = await api.CreateTenantAsync("bench-chatwoot");
        await tenant.SendAsync(HttpMethod.Put, "/api/channels/chatwoot", new
        {
            base_url = "http://127.0.0.1:9", account_id = 7, inbox_id = 12, api_access_token = "bench-bot-token", webhook_secret = ChatwootSecret,
        });
        return new ChatwootTraffic("/webhooks/chatwoot", 7, 12, ChatwootSecret);
    }

    private static object Channel(string phoneNumberId, string? appSecret) => new
    {
        phone_number_id = phoneNumberId,
        waba_id = "102290129340398",
        display_phone_number = "15550783881",
        access_token = "EAAJB-bench-token",
        app_secret = appSecret,
    };
}
