using System.Text.Json.Nodes;
using Conversa.Api.Tests.Admin;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Booking;

/// <summary><c>treatment_durations</c> in companies_config.json become bookable services, and reloading is idempotent.</summary>
public abstract class TreatmentServicesTests(CompaniesConfigFactory app)
{
    private async Task<HttpClient> TenantAsync(string slug)
    {
        var admin = await app.AdminClientAsync();
        admin.DefaultRequestHeaders.Add("X-Tenant-ID", slug);
        return admin;
    }

    private static async Task<Dictionary<string, JsonNode>> ServicesAsync(HttpClient client) =>
        (await client.GetJsonAsync("/api/services?active=all"))["items"]!.AsArray().ToDictionary(s => s!.Text("name"), s => s!);

    [Fact]
    public async Task Services_are_created_at_start_up_and_follow_the_config_on_reload()
    {
        var acme = await ServicesAsync(await TenantAsync("acme"));
        acme.Keys.Should().BeEquivalentTo("botox", "limpieza facial");
        acme["botox"]["duration_minutes"]!.GetValue<int>().Should().Be(30);
        acme["limpieza facial"]["duration_minutes"]!.GetValue<int>().Should().Be(60);

        var slug = "svc-" + Guid.NewGuid().ToString("N")[..10];
        await app.EditConfigAsync(c => c[slug] = new JsonObject
        {
            ["company_name"] = "Clínica Delta",
            ["treatment_durations"] = new JsonObject { ["Botox"] = 30, ["Rellenos"] = 45, ["broken"] = "long", ["too long"] = 2000 },
        });
        var admin = await app.AdminClientAsync();
        await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
        var client = await TenantAsync(slug);
        var services = await ServicesAsync(client);
        services.Keys.Should().BeEquivalentTo(["Botox", "Rellenos"], "durations that are not 5-1440 minutes are skipped");

        // The tenant prices one and retires the other; a changed duration in the file updates only the duration.
        var botox = services["Botox"];
        await client.PutJsonAsync($"/api/services/{botox.Id()}", new { name = "Botox", duration_minutes = 30, price = 900000, buffer_minutes = 10 }, 200);
        await client.PutJsonAsync($"/api/services/{services["Rellenos"].Id()}", new { name = "Rellenos", duration_minutes = 45, active = false }, 200);
        await app.EditConfigAsync(c =>
        {
            c[slug]!["treatment_durations"]!["botox"] = 40;
            c[slug]!["treatment_durations"]!["Peeling"] = 20;
        });
        var outcome = await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
        outcome["updated"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(slug);
        services = await ServicesAsync(client);
        services.Keys.Should().BeEquivalentTo("Botox", "Rellenos", "Peeling");
        services["Botox"].Id().Should().Be(botox.Id(), "\"botox\" is the same service as \"Botox\"");
        services["Botox"]["duration_minutes"]!.GetValue<int>().Should().Be(40);
        services["Botox"]["price"]!.GetValue<decimal>().Should().Be(900000);
        services["Botox"]["buffer_minutes"]!.GetValue<int>().Should().Be(10);
        services["Rellenos"]["active"]!.GetValue<bool>().Should().BeFalse();

        // Reloading the same file again changes nothing.
        var before = (await client.GetAsync("/api/services?active=all")).Content.ReadAsStringAsync();
        var again = await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
        again["unchanged"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(slug);
        (await (await client.GetAsync("/api/services?active=all")).Content.ReadAsStringAsync()).Should().Be(await before);
    }

    [Fact]
    public async Task A_tenant_without_services_gets_them_from_an_unchanged_config()
    {
        // As for a tenant imported before booking existed: its settings hold the durations, it has no services.
        var slug = "old-" + Guid.NewGuid().ToString("N")[..10];
        await app.EditConfigAsync(c => c[slug] = new JsonObject { ["company_name"] = "Old", ["treatment_durations"] = new JsonObject { ["masaje"] = 60 } });
        var admin = await app.AdminClientAsync();
        await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
        var client = await TenantAsync(slug);
        var masaje = (await ServicesAsync(client))["masaje"];
        (await client.DeleteAsync($"/api/services/{masaje.Id()}")).EnsureSuccessStatusCode();
        (await ServicesAsync(client)).Should().BeEmpty();

        await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
        (await ServicesAsync(client)).Keys.Should().Equal("masaje");
    }
}

public sealed class TreatmentServicesTestsOnSqlite(CompaniesConfigSqliteFactory app)
    : TreatmentServicesTests(app), IClassFixture<CompaniesConfigSqliteFactory>;

public sealed class TreatmentServicesTestsOnPostgres(CompaniesConfigPostgresFactory app)
    : TreatmentServicesTests(app), IClassFixture<CompaniesConfigPostgresFactory>;
