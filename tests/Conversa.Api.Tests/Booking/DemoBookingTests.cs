using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Conversa.Api.Tests.Booking;

/// <summary>The embedded default's demo tenants come ready to book.</summary>
public sealed class DemoBookingTests(DemoBookingTests.DemoFactory app) : IClassFixture<DemoBookingTests.DemoFactory>
{
    public sealed class DemoFactory : ConversaFactory
    {
        public override string Kind => "sqlite";

        protected override IReadOnlyDictionary<string, string?> DatabaseSettings { get; } =
            new Dictionary<string, string?> { ["Conversa:Database"] = "sqlite" };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Conversa:SeedDemo", "true");
        }
    }

    private async Task<HttpClient> DemoClientAsync(string slug)
    {
        _ = app.Services; // starts the app, which seeds
        var credentials = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.DataDir, "demo-credentials.json")))!;
        return app.ClientWithKey(credentials[slug]!.Text("api_key"));
    }

    [Fact]
    public async Task Benova_offers_its_three_treatments_with_two_providers_monday_to_saturday()
    {
        var client = await DemoClientAsync("benova");
        var services = (await client.GetJsonAsync("/api/services"))["items"]!.AsArray()
            .ToDictionary(s => s!.Text("name"), s => s!["duration_minutes"]!.GetValue<int>());
        services.Should().BeEquivalentTo(new Dictionary<string, int> { ["botox"] = 30, ["limpieza facial"] = 60, ["rellenos"] = 45 });
        var providers = (await client.GetJsonAsync("/api/providers"))["items"]!.AsArray();
        providers.Should().HaveCount(2);
        foreach (var provider in providers)
        {
            var days = (await client.GetJsonAsync($"/api/providers/{provider!.Id()}/availability"))["weekly"]!.AsArray()
                .Select(w => w!["day_of_week"]!.GetValue<int>()).Distinct();
            days.Should().BeEquivalentTo([1, 2, 3, 4, 5, 6]);
        }
        var botox = (await client.GetJsonAsync("/api/services"))["items"]!.AsArray().Single(s => s!.Text("name") == "botox")!.Id();
        var slots = (await client.GetJsonAsync($"/api/availability?service_id={botox}"))["slots"]!.AsArray();
        slots.Should().NotBeEmpty();
        slots.Select(s => s!.Text("provider_id")).Distinct().Should().HaveCount(2, "both providers do botox");
        await client.PostJsonAsync("/api/bookings", new { service_id = botox, start = slots[0]!.Text("start"), customer = new { name = "Demo" } }, 201);
    }

    [Fact]
    public async Task Medispa_has_bookable_services_too()
    {
        var client = await DemoClientAsync("medispa");
        var services = (await client.GetJsonAsync("/api/services"))["items"]!.AsArray();
        services.Should().HaveCount(3);
        var anyService = services[0]!.Id();
        (await client.GetJsonAsync($"/api/availability?service_id={anyService}"))["slots"]!.AsArray().Should().NotBeEmpty();
    }
}
