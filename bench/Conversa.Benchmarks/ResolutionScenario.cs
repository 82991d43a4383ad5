using System.Globalization;

namespace Conversa.Benchmarks;

/// <summary>
/// What tenant resolution costs per request: <c>GET /health</c> on bare Kestrel, then on Conversa without
/// credentials, with a secret API key and with an owner's JWT. The middleware resolves credentials on every
/// request, even on anonymous endpoints, so the difference between the Conversa runs is resolution alone.
/// </summary>
public static class ResolutionScenario
{
    private const double TargetOverheadPercent = 10;

    public static async Task RunAsync(BenchOptions options)
    {
        Console.WriteLine($"## resolution (concurrency {options.Concurrency}, {options.Duration.TotalSeconds:F0} s per variant in {InterleavedRuns.Rounds} interleaved rounds; {MachineLoad.Describe()})");
        await using var bare = await BareKestrel.StartAsync();
        await using var app = ConversaApp.Start();
        using var client = new ConversaClient(app.Address);

        var admin = await client.LoginAsync(ConversaApp.AdminEmail, ConversaApp.AdminPassword);
        const string ownerPassword = "bench-owner-password";
        var tenant = await client.CreateTenantAsync(admin, "bench-resolution", ownerPassword);
        var jwt = await client.LoginAsync($"owner@{tenant.Slug}.test", ownerPassword);
        // /health accepts anything, so prove on a tenant endpoint that both credentials really resolve.
        await client.EnsureOkAsync(Requests.WithApiKey("/api/tenant", tenant.Key));
        await client.EnsureOkAsync(Requests.WithBearer("/api/tenant", jwt));

        var results = await new InterleavedRuns(options.Concurrency, options.Duration, options.WarmUp).RunAsync(
            new LoadVariant("bare Kestrel GET /health", bare.Address, () => Requests.Get("/health")),
            new LoadVariant("Conversa GET /health, no credentials", app.Address, () => Requests.Get("/health")),
            new LoadVariant("Conversa GET /health, X-API-Key", app.Address, () => Requests.WithApiKey("/health", tenant.Key)),
            new LoadVariant("Conversa GET /health, Bearer JWT", app.Address, () => Requests.WithBearer("/health", jwt)),
            new LoadVariant("Conversa GET /health, no credentials (again)", app.Address, () => Requests.Get("/health")));
        var (baseline, anonymous, apiKey, bearer, again) = (results[0], results[1], results[2], results[3], results[4]);

        Console.WriteLine();
        Console.WriteLine(VariantResult.Header);
        Console.WriteLine(baseline.Row());
        Console.WriteLine(anonymous.Row(baseline));
        Console.WriteLine(apiKey.Row(anonymous));
        Console.WriteLine(bearer.Row(anonymous));
        Console.WriteLine(again.Row(anonymous));
        Console.WriteLine();
        Console.WriteLine(Compare("Noise floor (the same request measured twice)", again, anonymous));
        Console.WriteLine(Compare("Conversa without credentials vs bare Kestrel", anonymous, baseline));
        Console.WriteLine(Compare("Resolution by API key vs no credentials", apiKey, anonymous) + Verdict(apiKey, anonymous));
        Console.WriteLine(Compare("Resolution by JWT vs no credentials", bearer, anonymous) + Verdict(bearer, anonymous));
        Console.WriteLine($"({MachineLoad.Describe()})");
        Console.WriteLine();
    }

    public static string Compare(string what, VariantResult run, VariantResult reference) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: CPU per request {run.CpuOverhead(reference)}, time per request {run.TimeOverhead(reference)}, allocated {(run.AllocatedBytesPerRequest - reference.AllocatedBytesPerRequest) / 1024:+0.0;-0.0;0.0} KB/request.");

    /// <summary>Judged on CPU time per request, which other work on the machine moves less than throughput.</summary>
    private static string Verdict(VariantResult run, VariantResult reference) =>
        string.Create(CultureInfo.InvariantCulture,
            $" Target <= {TargetOverheadPercent}%: {(run.CpuOverhead(reference).Median <= TargetOverheadPercent ? "MET" : "MISSED")}");
}
