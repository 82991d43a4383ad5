using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Tenants;

public abstract class TenantSettingsTests(ConversaFactory app)
{
    [Fact]
    public async Task A_new_tenant_has_the_full_settings_shape_with_defaults()
    {
        var tenant = await app.CreateTenantAsync();
        var body = await tenant.KeyClient().GetJsonAsync("/api/tenant");
        body["timezone"]!.GetValue<string>().Should().Be("America/Bogota");
        var settings = body["settings"]!;
        settings["assistant"]!["agents_enabled"]!.AsArray().Should().HaveCountGreaterThan(3);
        settings["ai"]!["provider"]!.GetValue<string>().Should().Be("builtin");
        settings["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeFalse();
        settings["booking"]!["slot_step_minutes"]!.GetValue<int>().Should().Be(15);
        settings["widget"]!["primary_color"]!.GetValue<string>().Should().StartWith("#");
    }

    [Fact]
    public async Task Patch_merges_settings_keeping_unsent_keys_and_removing_nulls()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        await owner.PatchJsonAsync("/api/tenant", new
        {
            name = "Clínica Sol",
            language = "pt",
            currency = "BRL",
            timezone = "America/Sao_Paulo",
            settings = new { assistant = new { name = "Ana", persona = "gentil" }, widget = new { greeting_message = "Olá!" } },
        }, 200);
        var patched = await owner.PatchJsonAsync("/api/tenant",
            System.Text.Json.Nodes.JsonNode.Parse("""{"settings": {"assistant": {"persona": null}, "booking": {"min_advance_minutes": 120}}}""")!, 200);

        patched["name"]!.GetValue<string>().Should().Be("Clínica Sol");
        patched["language"]!.GetValue<string>().Should().Be("pt");
        patched["currency"]!.GetValue<string>().Should().Be("BRL");
        var settings = patched["settings"]!;
        settings["assistant"]!["name"]!.GetValue<string>().Should().Be("Ana");
        settings["assistant"]!.AsObject().ContainsKey("persona").Should().BeFalse();
        settings["widget"]!["greeting_message"]!.GetValue<string>().Should().Be("Olá!");
        settings["booking"]!["min_advance_minutes"]!.GetValue<int>().Should().Be(120);
        settings["booking"]!["slot_step_minutes"]!.GetValue<int>().Should().Be(15);

        (await owner.GetJsonAsync("/api/tenant"))["settings"]!.ToJsonString().Should().Be(settings.ToJsonString());
    }

    [Fact]
    public async Task Invalid_values_are_400_naming_each_field_and_nothing_is_stored()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var problem = await Http.ProblemAsync(await owner.PatchAsync("/api/tenant", Http.Json(new
        {
            timezone = "Mars/Olympus",
            language = "fr",
            currency = "XYZ",
            settings = new
            {
                ai = new { provider = "skynet", base_url = "ftp://x" },
                widget = new { primary_color = "blue" },
                booking = new { slot_step_minutes = 1 },
                assistant = new { agents_enabled = new[] { "router", "pirate" } },
            },
        })), 400);
        var errors = problem["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Contain(["timezone", "language", "currency"]);

        var settingsProblem = await Http.ProblemAsync(await owner.PatchAsync("/api/tenant", Http.Json(new
        {
            settings = new
            {
                ai = new { provider = "skynet", base_url = "ftp://x" },
                widget = new { primary_color = "blue" },
                booking = new { slot_step_minutes = 1 },
                assistant = new { agents_enabled = new[] { "router", "pirate" } },
            },
        })), 400);
        settingsProblem["errors"]!.AsObject().Select(e => e.Key).Should().Contain([
            "settings.ai.provider", "settings.ai.base_url", "settings.widget.primary_color",
            "settings.booking.slot_step_minutes", "settings.assistant.agents_enabled"]);

        var after = await owner.GetJsonAsync("/api/tenant");
        after["settings"]!["ai"]!["provider"]!.GetValue<string>().Should().Be("builtin");
        after["language"]!.GetValue<string>().Should().Be("es");
    }

    [Fact]
    public async Task Secrets_are_write_only_and_encrypted_at_rest()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        const string secret = "sk-live-very-secret-value";
        var patched = await owner.PatchJsonAsync("/api/tenant",
            new { settings = new { ai = new { provider = "openai", model = "gpt-4o-mini", api_key = secret } } }, 200);

        patched.ToJsonString().Should().NotContain(secret);
        patched["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeTrue();
        (await owner.GetJsonAsync("/api/tenant")).ToJsonString().Should().NotContain(secret);

        var stored = await app.Services.GetRequiredService<TenantScope>()
            .RunDbAsync(tenant.Id, db => db.TenantSecrets.SingleAsync());
        stored.Name.Should().Be("ai.api_key");
        System.Text.Encoding.UTF8.GetString(stored.Ciphertext).Should().NotContain("very-secret");
        var settingsRow = await app.Services.GetRequiredService<TenantScope>()
            .RunDbAsync(tenant.Id, db => db.Tenants.SingleAsync(t => t.Id == tenant.Id));
        settingsRow.SettingsJson.Should().NotContain(secret);

        var removed = await owner.PatchJsonAsync("/api/tenant", new { settings = new { ai = new { api_key = (string?)null } } }, 200);
        removed["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Status_plan_and_limits_are_not_for_tenants_to_change()
    {
        var tenant = await app.CreateTenantAsync();
        await Http.ProblemAsync(await (await tenant.OwnerClientAsync()).PatchAsync("/api/tenant", Http.Json(new { plan = "enterprise" })), 403);
    }

    [Fact]
    public async Task Tenant_health_reports_the_database()
    {
        var tenant = await app.CreateTenantAsync();
        var health = await tenant.KeyClient().GetJsonAsync("/api/tenant/health");
        health["system_healthy"]!.GetValue<bool>().Should().BeTrue();
        health["database"]!.GetValue<string>().Should().Be("ok");
        health["stats"]!["users"]!.GetValue<int>().Should().Be(1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TenantSettingsTestsOnSqlite(SqliteFactory app) : TenantSettingsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TenantSettingsTestsOnPostgres(PostgresFactory app) : TenantSettingsTests(app);
