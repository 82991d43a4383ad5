using System.Diagnostics;
using System.Globalization;
using Conversa.Benchmarks.Booking;

namespace Conversa.Benchmarks.Chat;

/// <summary>
/// Chat turns end to end: <c>POST /api/chat</c> through the real app on loopback (builtin engine, SQLite) for one
/// tenant with a knowledge base of ~1,000 chunks and a small catalog, from many contacts in es/pt/en, next to bare
/// Kestrel measured in the same interleaved rounds. Each turn is the whole engine: tenant row, conversation, context,
/// the user's message, classification, routing, the agent, the reply with its outbox handover, and the context saved.
/// </summary>
public static class ChatScenario
{
    private const int Documents = 50;
    private const int SectionsPerDocument = 20;
    private const int PoolContacts = 2_000;
    private const double TargetTurnsPerSecond = 2_000;

    public static async Task RunAsync(BenchOptions options)
    {
        Console.WriteLine($"## chat (concurrency {options.Concurrency}, {options.Duration.TotalSeconds:F0} s per variant in {InterleavedRuns.Rounds} interleaved rounds; {MachineLoad.Describe()})");
        await using var bare = await BareKestrel.StartAsync();
        await using var app = ConversaApp.Start();
        var api = await BookingApi.CreateAsync(app.Address);
        var tenant = await api.CreateTenantAsync("bench-chat");
        await KnowledgeBaseAsync(tenant);
        for (var i = 0; i < ChatCorpus.Products.Length; i++)
        {
            var (name, price) = ChatCorpus.Products[i];
            await tenant.SendAsync(HttpMethod.Post, "/api/products", new { name, price, sku = $"BENCH-{i:00}" });
        }
        var services = new List<string>();
        foreach (var (name, minutes) in ChatCorpus.Services)
        {
            services.Add(await tenant.CreateServiceAsync(name, minutes));
        }
        await tenant.CreateProviderAsync("Dra. Bench", [.. services]);
        await SampleAsync(tenant);

        var traffic = new ChatTraffic(tenant, PoolContacts, "contact");
        var again = new ChatTraffic(tenant, PoolContacts, "contact-again");
        var results = await new InterleavedRuns(options.Concurrency, options.Duration, options.WarmUp).RunAsync(
            new LoadVariant("bare Kestrel GET /health", bare.Address, () => Requests.Get("/health")),
            new LoadVariant("Conversa POST /api/chat", api.Address, traffic.Turn),
            new LoadVariant("Conversa POST /api/chat (again)", api.Address, again.Turn));
        var (baseline, chat, chatAgain) = (results[0], results[1], results[2]);

        Console.WriteLine();
        Console.WriteLine(VariantResult.Header);
        Console.WriteLine(baseline.Row());
        Console.WriteLine(chat.Row(baseline));
        Console.WriteLine(chatAgain.Row(chat));
        Console.WriteLine();
        Console.WriteLine(ResolutionScenario.Compare("Noise floor (the same traffic measured twice)", chatAgain, chat));
        Console.WriteLine($"contacts: {PoolContacts:N0} reused per variant, plus {traffic.NewContacts + again.NewContacts:N0} new ones created during the runs (one turn in ten)");
        var turns = Math.Max(chat.RequestsPerSecond, chatAgain.RequestsPerSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target >= {TargetTurnsPerSecond:N0} turns/s: {(turns >= TargetTurnsPerSecond ? "MET" : "MISSED")} ({turns:F0} turns/s, median round of the better variant)"));
        Console.WriteLine($"({MachineLoad.Describe()})");
        Console.WriteLine();
    }

    private static async Task KnowledgeBaseAsync(BookingApi.Tenant tenant)
    {
        var timer = Stopwatch.StartNew();
        var chunks = 0;
        foreach (var (title, content) in ChatCorpus.Documents(Documents, SectionsPerDocument))
        {
            var created = await tenant.SendAsync(HttpMethod.Post, "/api/documents", new { title, content, content_type = "text/markdown" });
            chunks += created["chunks"]!.GetValue<int>();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"knowledge base: {Documents} documents, {chunks:N0} chunks, uploaded in {timer.Elapsed.TotalSeconds:F1} s; catalog: {ChatCorpus.Products.Length} products"));
    }

    /// <summary>
    /// Every message once, from fresh contacts: which agents the mix exercises, and proof that every turn is answered;
    /// then every message again from the same contacts, counting the SQL statements of each turn (new and existing contact)
    /// and, by agent, the statements and the bytes allocated in this process (client included) per existing-contact turn.
    /// </summary>
    private static async Task SampleAsync(BookingApi.Tenant tenant)
    {
        var agents = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var timer = Stopwatch.StartNew();
        using var statements = new StatementCounter();
        for (var i = 0; i < ChatCorpus.Messages.Length; i++)
        {
            var turn = await tenant.SendAsync(HttpMethod.Post, "/api/chat", new { message = ChatCorpus.Messages[i], contact_id = $"sample-{i}" });
            var agent = turn["agent"]!.GetValue<string>();
            agents[agent] = agents.GetValueOrDefault(agent) + 1;
        }
        var elapsed = timer.Elapsed;
        var onNewContacts = statements.Count;
        var byAgent = new SortedDictionary<string, (long Statements, long Bytes, int Turns)>(StringComparer.Ordinal);
        for (var i = 0; i < ChatCorpus.Messages.Length; i++)
        {
            var before = statements.Count;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var turn = await tenant.SendAsync(HttpMethod.Post, "/api/chat", new { message = ChatCorpus.Messages[i], contact_id = $"sample-{i}" });
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var agent = turn["agent"]!.GetValue<string>();
            var (count, sum, turns) = byAgent.GetValueOrDefault(agent);
            byAgent[agent] = (count + statements.Count - before, sum + bytes, turns + 1);
        }
        var onExisting = byAgent.Values.Sum(a => a.Statements);
        var answeredBy = string.Join(", ", agents.Select(a => $"{a.Key} {a.Value}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"message mix: {ChatCorpus.Messages.Length} messages, answered one by one in {elapsed.TotalMilliseconds / ChatCorpus.Messages.Length:F1} ms each (first turns, cold) by {answeredBy}"));
        var perAgent = string.Join(", ", byAgent.Select(a => string.Create(CultureInfo.InvariantCulture,
            $"{a.Key} {(double)a.Value.Statements / a.Value.Turns:F1} statements and {a.Value.Bytes / 1024.0 / a.Value.Turns:F0} KB")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SQL statements per turn: {(double)onNewContacts / ChatCorpus.Messages.Length:F1} from a new contact, {(double)onExisting / ChatCorpus.Messages.Length:F1} from an existing one ({perAgent})"));
    }
}
