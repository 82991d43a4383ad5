using System.Globalization;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Booking;
using Conversa.Api.Tests.Support;
using Xunit.Abstractions;

namespace Conversa.Api.Tests.Chat.Eval;

/// <summary>
/// The builtin engine's quality on an evaluation set: 150+ customer messages to three tenants of different sectors
/// (a clinic in Spanish, a car dealer in Portuguese, a clothes shop in English, each also written to in the other
/// two languages), each with the agent expected to answer and, where it applies, a fact the reply must contain (a
/// price, a passage of the knowledge base, a free slot). Every message comes from a new contact, so each is routed on
/// its own. Prints routing and answer accuracy and every miss; keeps routing ≥ 95 % and answers ≥ 90 %, and no reply
/// may state an amount of money that is not one of the tenant's prices. Quality does not depend on the database:
/// it runs on SQLite.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class AssistantEvaluationTests(SqliteFactory app, ITestOutputHelper output)
{
    private sealed record EvalTenant(HttpClient Client, HashSet<decimal> Prices);

    private sealed record Outcome(string Tenant, string Message, string Expected, string Agent, string? Intent, string? Fact, string Reply)
    {
        public bool Routed => Expected.Split('|').Contains(Agent);
        public bool Answered => Fact is null || EvalText.Contains(Reply, Fact);
    }

    [Fact]
    public async Task The_builtin_engine_routes_and_answers_the_evaluation_set()
    {
        var host = ClockedHost.Fresh(app);
        var definitions = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Chat", "Eval", "eval-tenants.json")))!.AsObject();
        var cases = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Chat", "Eval", "eval-cases.json")))!.AsArray();
        var tenants = new Dictionary<string, EvalTenant>();
        foreach (var (key, definition) in definitions)
        {
            tenants[key] = await SetUpAsync(host, definition!.AsObject());
        }

        var outcomes = new List<Outcome>();
        var priceErrors = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var row = cases[i]!.AsArray();
            var (tenantKey, message, expected) = (row[0]!.GetValue<string>(), row[1]!.GetValue<string>(), row[2]!.GetValue<string>());
            var fact = row.Count > 3 ? row[3]!.GetValue<string>() : null;
            var tenant = tenants[tenantKey];
            var reply = await tenant.Client.PostJsonAsync("/api/chat", new { message, contact_id = $"eval-{i}" }, 200);
            var text = reply["reply"]!.GetValue<string>();
            outcomes.Add(new Outcome(tenantKey, message, expected, reply["agent"]!.GetValue<string>(), reply["intent"]?.GetValue<string>(), fact, text));
            priceErrors.AddRange(EvalText.Amounts(text).Where(a => !tenant.Prices.Contains(a)).Select(a => $"{tenantKey} \"{message}\": {a} in \"{text}\""));
        }

        var routing = outcomes.Count(o => o.Routed) / (double)outcomes.Count;
        var withFacts = outcomes.Where(o => o.Fact is not null).ToList();
        var answers = withFacts.Count(o => o.Answered) / (double)withFacts.Count;
        output.WriteLine($"Evaluation: {outcomes.Count} messages, {withFacts.Count} with a fact to check.");
        output.WriteLine($"Routing accuracy: {routing.ToString("P1", CultureInfo.InvariantCulture)}; answer accuracy: {answers.ToString("P1", CultureInfo.InvariantCulture)}.");
        foreach (var group in outcomes.GroupBy(o => o.Tenant))
        {
            output.WriteLine($"  {group.Key}: routing {group.Count(o => o.Routed)}/{group.Count()}, answers {group.Count(o => o.Fact is not null && o.Answered)}/{group.Count(o => o.Fact is not null)}");
        }
        foreach (var miss in outcomes.Where(o => !o.Routed || !o.Answered))
        {
            output.WriteLine($"  MISS [{miss.Tenant}] \"{miss.Message}\" expected {miss.Expected}{(miss.Fact is null ? "" : $" with \"{miss.Fact}\"")}, got {miss.Agent} ({miss.Intent ?? "no intent"}): \"{miss.Reply}\"");
        }
        priceErrors.ForEach(e => output.WriteLine("  PRICE " + e));

        outcomes.Count.Should().BeGreaterThanOrEqualTo(150);
        routing.Should().BeGreaterThanOrEqualTo(0.95);
        answers.Should().BeGreaterThanOrEqualTo(0.90);
        priceErrors.Should().BeEmpty("every amount in a reply must be one of the tenant's prices");
    }

    /// <summary>The tenant through the API: services, a provider's hours, products and documents (replacing any sample documents).</summary>
    private static async Task<EvalTenant> SetUpAsync(ClockedHost host, JsonObject definition)
    {
        var tenant = await host.App.CreateTenantAsync(extra: new
        {
            name = definition["name"]!.GetValue<string>(),
            sector = definition["sector"]!.GetValue<string>(),
            language = definition["language"]!.GetValue<string>(),
            timezone = definition["timezone"]!.GetValue<string>(),
            currency = definition["currency"]!.GetValue<string>(),
            plan = "enterprise",
            settings = new JsonObject { ["assistant"] = definition["assistant"]!.DeepClone() },
        });
        var client = host.KeyClient(tenant);
        var prices = new HashSet<decimal>();
        var services = new List<string>();
        foreach (var service in definition["services"]!.AsArray())
        {
            services.Add((await client.PostJsonAsync("/api/services", service!, 201))["id"]!.GetValue<string>());
            prices.Add(service!["price"]!.GetValue<decimal>());
        }
        foreach (var provider in definition["providers"]!.AsArray())
        {
            var id = (await client.PostJsonAsync("/api/providers", new { name = provider!["name"]!.GetValue<string>(), service_ids = services }, 201))["id"]!.GetValue<string>();
            var blocks = provider["blocks"]!.AsArray().Select(b => (b![0]!.GetValue<string>(), b[1]!.GetValue<string>())).ToList();
            var weekly = provider["days"]!.AsArray().SelectMany(d => blocks.Select(b => new { day_of_week = d!.GetValue<int>(), start = b.Item1, end = b.Item2 })).ToArray();
            await client.PutJsonAsync($"/api/providers/{id}/availability", new { weekly }, 200);
        }
        foreach (var product in definition["products"]!.AsArray())
        {
            await client.PostJsonAsync("/api/products", product!, 201);
            prices.Add(product!["price"]!.GetValue<decimal>());
        }
        foreach (var sample in (await client.GetJsonAsync("/api/documents"))["items"]!.AsArray())
        {
            (await client.DeleteAsync($"/api/documents/{sample!["id"]!.GetValue<string>()}")).IsSuccessStatusCode.Should().BeTrue();
        }
        foreach (var document in definition["documents"]!.AsArray())
        {
            await client.PostJsonAsync("/api/documents", new { content = document!.GetValue<string>(), content_type = "text/markdown" }, 201);
        }
        return new EvalTenant(client, prices);
    }
}
