using System.Diagnostics;
using System.Globalization;

namespace Conversa.Benchmarks;

/// <summary>
/// What ten thousand tenants cost: memory before and after creating them (each with a secret key) and after
/// resolving each once, then the latency of resolving one hot tenant against a random one of the 10,000.
/// </summary>
public static class Tenants10kScenario
{
    private const int TenantCount = 10_000;
    private const int SetupParallelism = 8;
    private const double MemoryTargetMb = 200;
    private const double LatencyTolerancePercent = 10;

    public static async Task RunAsync(BenchOptions options)
    {
        Console.WriteLine($"## tenants10k (concurrency {options.Concurrency}, {options.Duration.TotalSeconds:F0} s per variant in {InterleavedRuns.Rounds} interleaved rounds; {MachineLoad.Describe()})");
        await using var bare = await BareKestrel.StartAsync();
        await using var app = ConversaApp.Start();
        using var client = new ConversaClient(app.Address);
        var admin = await client.LoginAsync(ConversaApp.AdminEmail, ConversaApp.AdminPassword);
        await client.EnsureOkAsync(Requests.Get("/health"));

        // The hot key would otherwise spend the run in 429s from the per-tenant rate limit, which is not what is measured here.
        const string plan = "bench-unthrottled";
        await client.CreatePlanAsync(admin, plan, rateLimitPerMinute: 100_000_000);

        var before = await MemorySnapshot.TakeAsync("started, no tenants", client);

        var tenants = new CreatedTenant[TenantCount];
        var creating = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, TenantCount), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism },
            async (i, _) => tenants[i] = await client.CreateTenantAsync(admin, $"bench-{i:D5}", plan: plan));
        creating.Stop();
        Console.WriteLine(Line($"created {TenantCount} tenants through POST /api/admin/tenants in {creating.Elapsed.TotalSeconds:F1} s ({TenantCount / creating.Elapsed.TotalSeconds:F0}/s)"));
        var created = await MemorySnapshot.TakeAsync($"{TenantCount} tenants created", client);

        var resolving = Stopwatch.StartNew();
        await Parallel.ForEachAsync(tenants, new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism },
            async (t, _) => await client.EnsureOkAsync(Requests.WithApiKey("/api/tenant", t.Key)));
        resolving.Stop();
        Console.WriteLine(Line($"resolved each tenant once (GET /api/tenant, X-API-Key) in {resolving.Elapsed.TotalSeconds:F1} s ({TenantCount / resolving.Elapsed.TotalSeconds:F0}/s)"));
        var resolved = await MemorySnapshot.TakeAsync($"each of the {TenantCount} resolved once", client);

        var hot = tenants[TenantCount / 2].Key;
        var results = await new InterleavedRuns(options.Concurrency, options.Duration, options.WarmUp).RunAsync(
            new LoadVariant("bare Kestrel GET /health", bare.Address, () => Requests.Get("/health")),
            new LoadVariant("Conversa GET /health, one hot key", app.Address, () => Requests.WithApiKey("/health", hot)),
            new LoadVariant("Conversa GET /health, random key of 10k", app.Address, () => Requests.WithApiKey("/health", RandomKey(tenants))),
            new LoadVariant("Conversa GET /api/tenant, one hot key", app.Address, () => Requests.WithApiKey("/api/tenant", hot)),
            new LoadVariant("Conversa GET /api/tenant, random key of 10k", app.Address, () => Requests.WithApiKey("/api/tenant", RandomKey(tenants))),
            new LoadVariant("Conversa GET /health, one hot key (again)", app.Address, () => Requests.WithApiKey("/health", hot)));
        var (baseline, hotHealth, randomHealth, hotTenant, randomTenant, again) = (results[0], results[1], results[2], results[3], results[4], results[5]);
        var after = await MemorySnapshot.TakeAsync("after the load runs", client);

        Console.WriteLine();
        Console.WriteLine(MemorySnapshot.Header);
        foreach (var snapshot in new[] { before, created, resolved, after })
        {
            Console.WriteLine(snapshot.Row());
        }
        Console.WriteLine();
        Console.WriteLine(VariantResult.Header);
        Console.WriteLine(baseline.Row());
        Console.WriteLine(hotHealth.Row(baseline));
        Console.WriteLine(randomHealth.Row(hotHealth));
        Console.WriteLine(hotTenant.Row(baseline));
        Console.WriteLine(randomTenant.Row(hotTenant));
        Console.WriteLine(again.Row(hotHealth));
        Console.WriteLine();

        var grownManaged = MemorySnapshot.Mb(resolved.ManagedBytes - before.ManagedBytes);
        var grownWorkingSet = MemorySnapshot.Mb(resolved.WorkingSetBytes - before.WorkingSetBytes);
        Console.WriteLine(Line($"Memory for {TenantCount} tenants: managed heap +{grownManaged:F1} MB, working set +{grownWorkingSet:F1} MB. Target <= {MemoryTargetMb} MB: {Verdict(Math.Max(grownManaged, grownWorkingSet) <= MemoryTargetMb)}"));
        Console.WriteLine(ResolutionScenario.Compare("Noise floor (the same request measured twice)", again, hotHealth));
        // Judged on /health, where resolution is the only tenant work; /api/tenant adds the endpoint's own reads of the tenant's rows.
        Console.WriteLine(ResolutionScenario.Compare($"Resolving a random tenant of {TenantCount} vs one hot tenant", randomHealth, hotHealth) +
            Line($" Target: as fast, within {LatencyTolerancePercent}%: {Verdict(randomHealth.CpuOverhead(hotHealth).Median <= LatencyTolerancePercent)}"));
        Console.WriteLine(ResolutionScenario.Compare("GET /api/tenant (resolution plus the endpoint's reads), random vs hot", randomTenant, hotTenant));
        Console.WriteLine($"({MachineLoad.Describe()})");
        Console.WriteLine();
    }

    private static string RandomKey(CreatedTenant[] tenants) => tenants[Random.Shared.Next(tenants.Length)].Key;

    private static string Verdict(bool met) => met ? "MET" : "MISSED";

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
