using System.Diagnostics;
using System.Globalization;
using Conversa.Benchmarks.Booking;

namespace Conversa.Benchmarks.Webhooks;

/// <summary>
/// WhatsApp webhooks through the real app on loopback with durable storage, on SQLite and (when
/// <c>CONVERSA_TEST_POSTGRES</c> names a server) PostgreSQL. First the acknowledgements: signed webhooks, each a new
/// message, on the platform URL and on a tenant's own URL (its own app secret), plus Meta redelivering one message,
/// next to bare Kestrel reading the same bodies, in the same interleaved rounds; the inbox worker is off on that node,
/// so the figure is the ack path alone (delivery and item stored before 200). Then webhook to reply end to end on a
/// second app with the worker on: the builtin engine answers and the outbox sends to a fake Graph API on loopback,
/// first as a closed loop of customers each waiting for their reply, then as an open loop at fixed rates.
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
    private static readonly double[] OpenLoopRates = [50, 100];
    private static readonly TimeSpan MaxDrain = TimeSpan.FromSeconds(60);
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
        // The warm-up also lets the JIT settle: with 2 s, half the profile of the measured run was still tier-0 code.
        var warmUp = options.WarmUp ?? (options.Duration / 4 < TimeSpan.FromSeconds(2) ? options.Duration / 4 : TimeSpan.FromSeconds(2));
        var run = new EndToEndRun(app.Address, graph, platform, EndToEndContacts);
        await run.RunAsync(warmUp);
        var unexpectedBefore = graph.Unexpected;
        var result = await run.RunAsync(options.Duration);
        var handedOff = await HandedOffContactsAsync(platformTenant);
        var (lost, silent) = Unanswered(result.Figures, handedOff);
        Console.WriteLine();
        Console.WriteLine($"### webhook → reply end to end, {db.Name} (builtin engine, {EndToEndContacts} customers each waiting for their reply)");
        Console.WriteLine($"| run | replies/s | reply p50 ms | reply p99 ms | ack p99 ms | lost (no reply in {EndToEndRun.ReplyTimeout.TotalSeconds:F0} s) | silent by design (handed off) | ack errors | replies nobody waited for |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {db.Name}: webhook → Graph API | {result.TurnsPerSecond:F0} | {result.Figures.P50Ms:F1} | {result.Figures.P99Ms:F1} | {result.Figures.AckP99Ms:F1} | {lost} | {silent} | {result.Figures.AckErrors} | {graph.Unexpected - unexpectedBefore} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target reply p99 < {TargetReplyP99Ms} ms: {(result.Figures.P99Ms < TargetReplyP99Ms && lost == 0 ? "MET" : "MISSED")} ({result.Figures.P99Ms:F1} ms, {lost} lost)"));
        PrintNoReplies(result.Figures, handedOff);
        await PrintQueuesAsync(app.Address);
        await OpenLoopAsync(options, graph, db, app.Address, platform, platformTenant, warmUp);
    }

    /// <summary>
    /// The same app at fixed rates (<see cref="OpenLoopRates"/>, or <c>--rate</c>) after the closed loop, each rate
    /// warmed up with the same customers and measured once the queues are empty again.
    /// </summary>
    private static async Task OpenLoopAsync(
        BenchOptions options, FakeGraph graph, BenchDatabase db, Uri app, WhatsAppTraffic platform, BookingApi.Tenant platformTenant, TimeSpan warmUp)
    {
        double[] rates = options.Rate is { } rate ? [rate] : OpenLoopRates;
        var run = new OpenLoopRun(app, graph, platform, rates.Max());
        var results = new List<(OpenLoopRun.Result Result, long Unexpected, TimeSpan? Drain)>();
        foreach (var r in rates)
        {
            await run.RunAsync(r, warmUp);
            // A warm-up above what the app sustains leaves a backlog that would otherwise be measured as this rate's latency.
            var drain = await DrainAsync(app);
            var unexpectedBefore = graph.Unexpected;
            results.Add((await run.RunAsync(r, options.Duration), graph.Unexpected - unexpectedBefore, drain));
        }
        var handedOff = await HandedOffContactsAsync(platformTenant);
        Console.WriteLine();
        Console.WriteLine($"### webhook → reply end to end, open loop, {db.Name} (builtin engine, messages at a fixed rate from a pool of {run.Customers} customers; latency from each message's due time)");
        Console.WriteLine($"| offered messages/s | replies/s | reply p50 ms | reply p99 ms | reply max ms | ack p99 ms | lost (no reply in {EndToEndRun.ReplyTimeout.TotalSeconds:F0} s) | silent by design (handed off) | skipped (all customers busy) | ack errors | replies nobody waited for | sender behind schedule, max ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (result, unexpected, _) in results)
        {
            var (lost, silent) = Unanswered(result.Figures, handedOff);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Rate:F0} | {result.RepliesPerSecond:F0} | {result.Figures.P50Ms:F1} | {result.Figures.P99Ms:F1} | {result.Figures.MaxMs:F1} | {result.Figures.AckP99Ms:F1} | {lost} | {silent} | {result.Skipped} | {result.Figures.AckErrors} | {unexpected} | {result.PostLagMaxMs:F1} |"));
        }
        foreach (var (result, _, _) in results)
        {
            var (lost, _) = Unanswered(result.Figures, handedOff);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target reply p99 < {TargetReplyP99Ms} ms at {result.Rate:F0}/s: {(result.Figures.P99Ms < TargetReplyP99Ms && lost == 0 && result.Skipped == 0 ? "MET" : "MISSED")} ({result.Figures.P99Ms:F1} ms, {lost} lost, {result.Skipped} skipped)"));
        }
        Console.WriteLine("queues drained after each warm-up, before the measured run: " + string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Result.Rate:F0}/s in {(r.Drain is { } d ? $"{d.TotalSeconds:F1} s" : $"not within {MaxDrain.TotalSeconds:F0} s")}"))));
        foreach (var (result, _, _) in results)
        {
            PrintNoReplies(result.Figures, handedOff, string.Create(CultureInfo.InvariantCulture, $" at {result.Rate:F0}/s"));
        }
        await PrintQueuesAsync(app);
    }

    /// <summary>How long until no inbox item or outbox message is pending; null if they still are after <see cref="MaxDrain"/>.</summary>
    private static async Task<TimeSpan?> DrainAsync(Uri app)
    {
        using var client = new ConversaClient(app);
        var started = Stopwatch.GetTimestamp();
        while (await client.MetricAsync("conversa_inbox_items{status=\"pending\"}") > 0
            || (await client.MetricLinesAsync("conversa_outbox_messages{")).Any(l => l.Contains("status=\"pending\"", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal)))
        {
            if (Stopwatch.GetElapsedTime(started) > MaxDrain)
            {
                return null;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Messages that got no reply in time: lost, or silent by design in a conversation a person took over.</summary>
    private static (int Lost, int Silent) Unanswered(ReplyFigures figures, HashSet<string> handedOff)
    {
        var silent = figures.Lost.Count(l => handedOff.Contains(l.Contact));
        return (figures.Lost.Count - silent, silent);
    }

    private static void PrintNoReplies(ReplyFigures figures, HashSet<string> handedOff, string run = "")
    {
        if (figures.Lost.Count > 0)
        {
            Console.WriteLine($"no reply in time to{run}: {string.Join(" | ", figures.Lost.Select(l => $"{l.Text}{(handedOff.Contains(l.Contact) ? " (handed off)" : "")}").Distinct())}");
        }
    }

    /// <summary>The inbox, outbox and handoff counters: every message processed, none left pending, each reply sent.</summary>
    private static async Task PrintQueuesAsync(Uri app)
    {
        using var client = new ConversaClient(app);
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
        var contacts = new HashSet<string>(StringComparer.Ordinal);
        var path = "/api/conversations?channel=whatsapp&status=handoff&limit=200";
        while (true)
        {
            var page = await tenant.GetJsonAsync(path);
            contacts.UnionWith(page["items"]!.AsArray().Select(c => c!["contact"]?["phone"]?.GetValue<string>()?.TrimStart('+')).OfType<string>());
            if (page["next_cursor"]?.GetValue<string>() is not { } cursor)
            {
                return contacts;
            }
            path = $"/api/conversations?channel=whatsapp&status=handoff&limit=200&cursor={Uri.EscapeDataString(cursor)}";
        }
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
