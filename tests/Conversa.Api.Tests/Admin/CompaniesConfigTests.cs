using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Admin;

/// <summary>
/// The legacy <c>companies_config.json</c>: imported at start-up and on reload. Each test adds its own companies
/// to the factory's file (the <c>acme</c> entry written before start-up is never changed), so order does not matter.
/// </summary>
public abstract class CompaniesConfigTests(CompaniesConfigFactory app)
{
    private static string NewSlug() => "co-" + Guid.NewGuid().ToString("N")[..12];

    private static JsonObject Company(string name, string agent, int botox) => new()
    {
        ["company_name"] = name,
        ["sales_agent_name"] = agent,
        ["treatment_durations"] = new JsonObject { ["botox"] = botox },
        ["redis_prefix"] = name.ToLowerInvariant() + ":",
        ["vectorstore_index"] = name.ToLowerInvariant() + "_documents",
    };

    private static List<string> Slugs(JsonNode outcome, string list) => outcome[list]!.AsArray().Select(s => s!.GetValue<string>()).ToList();

    [Fact]
    public async Task The_config_is_imported_at_start_up()
    {
        var admin = await app.AdminClientAsync();
        var acme = await admin.GetJsonAsync("/api/admin/tenants/acme");
        acme["name"]!.GetValue<string>().Should().Be("Acme");
        acme["status"]!.GetValue<string>().Should().Be("active");
        acme["settings"]!["assistant"]!["name"]!.GetValue<string>().Should().Be("Ana");
        acme["settings"]!["booking"]!["treatment_durations"]!["botox"]!.GetValue<int>().Should().Be(30);
        acme["settings"]!["booking"]!["treatment_durations"]!["limpieza facial"]!.GetValue<int>().Should().Be(60);
        acme["settings"]!["booking"]!["slot_step_minutes"].Should().NotBeNull("the defaults are kept beside the imported values");
        var text = acme.ToJsonString();
        text.Should().NotContain("redis_prefix").And.NotContain("vectorstore_index").And.NotContain("acme:");

        var companies = await admin.GetJsonAsync("/companies");
        var entry = companies["companies"]!.AsArray().Single(c => c!["slug"]!.GetValue<string>() == "acme")!;
        entry["company_name"]!.GetValue<string>().Should().Be("Acme");
        entry["status"]!.GetValue<string>().Should().Be("active");
        entry["sector"].Should().NotBeNull();
    }

    [Fact]
    public async Task Reloading_reports_created_updated_and_unchanged_slugs()
    {
        var admin = await app.AdminClientAsync();
        var slug = NewSlug();
        await app.EditConfigAsync(c => c[slug] = Company("Beta", "Bea", 45));

        var first = await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
        Slugs(first, "created").Should().Equal(slug);
        Slugs(first, "updated").Should().BeEmpty();
        Slugs(first, "unchanged").Should().Contain("acme");
        var beta = await admin.GetJsonAsync($"/api/admin/tenants/{slug}");
        beta["name"]!.GetValue<string>().Should().Be("Beta");
        beta["settings"]!["assistant"]!["name"]!.GetValue<string>().Should().Be("Bea");
        beta["settings"]!["booking"]!["treatment_durations"]!["botox"]!.GetValue<int>().Should().Be(45);

        await app.EditConfigAsync(c =>
        {
            c[slug]!["sales_agent_name"] = "Beatriz";
            c[slug]!["treatment_durations"]!["botox"] = 50;
        });
        var second = await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
        Slugs(second, "updated").Should().Equal(slug);
        Slugs(second, "created").Should().BeEmpty();
        Slugs(second, "unchanged").Should().Contain("acme").And.NotContain(slug);
        beta = await admin.GetJsonAsync($"/api/admin/tenants/{slug}");
        beta["settings"]!["assistant"]!["name"]!.GetValue<string>().Should().Be("Beatriz");
        beta["settings"]!["booking"]!["treatment_durations"]!["botox"]!.GetValue<int>().Should().Be(50);

        var third = await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
        Slugs(third, "unchanged").Should().Contain([slug, "acme"]);
        Slugs(third, "created").Should().BeEmpty();
        Slugs(third, "updated").Should().BeEmpty();
    }

    [Fact]
    public async Task Reloading_keeps_settings_the_tenant_changed_itself()
    {
        var admin = await app.AdminClientAsync();
        var slug = NewSlug();
        await app.EditConfigAsync(c => c[slug] = Company("Gamma", "Gina", 20));
        await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
        await admin.PatchJsonAsync($"/api/admin/tenants/{slug}", new { settings = new { widget = new { greeting_message = "Bienvenida" } } }, 200);

        await app.EditConfigAsync(c => c[slug]!["company_name"] = "Gamma Clinic");
        var outcome = await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
        Slugs(outcome, "updated").Should().Equal(slug);

        var gamma = await admin.GetJsonAsync($"/api/admin/tenants/{slug}");
        gamma["name"]!.GetValue<string>().Should().Be("Gamma Clinic");
        gamma["settings"]!["widget"]!["greeting_message"]!.GetValue<string>().Should().Be("Bienvenida");
        gamma["settings"]!["assistant"]!["name"]!.GetValue<string>().Should().Be("Gina");
    }

    [Fact]
    public async Task Legacy_keys_become_slugs_and_an_invalid_entry_is_reported_without_stopping_the_rest()
    {
        var admin = await app.AdminClientAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var legacyKey = "New_Clinic_" + suffix.ToUpperInvariant();
        var expected = "new-clinic-" + suffix;
        var bad = "not a slug! " + suffix;
        await app.EditConfigAsync(c =>
        {
            c[legacyKey] = Company("New Clinic", "Nina", 25);
            c[bad] = Company("Bad", "Bob", 10);
        });
        try
        {
            var outcome = await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
            Slugs(outcome, "created").Should().Equal(expected);
            Slugs(outcome, "unchanged").Should().Contain("acme");
            outcome["errors"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Contain(e => e.Contains(bad));
            (await admin.GetJsonAsync($"/api/admin/tenants/{expected}"))["name"]!.GetValue<string>().Should().Be("New Clinic");
        }
        finally
        {
            await app.EditConfigAsync(c => c.Remove(bad));
        }
    }

    [Fact]
    public async Task Invalid_values_in_the_config_are_reported_and_not_stored()
    {
        var admin = await app.AdminClientAsync();
        var badZone = NewSlug();
        var existing = NewSlug();
        await app.EditConfigAsync(c => c[existing] = Company("Epsilon", "Eva", 30));
        await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);

        await app.EditConfigAsync(c =>
        {
            var company = Company("Zeta", "Zoe", 30);
            company["timezone"] = "Nowhere/Land";
            c[badZone] = company;
            c[existing]!["sales_agent_name"] = new string('x', 300);
        });
        try
        {
            var outcome = await admin.PostJsonAsync("/api/admin/tenants/reload-config", new { }, 200);
            var errors = outcome["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
            errors.Should().Contain(e => e.Contains(badZone));
            errors.Should().Contain(e => e.Contains(existing));
            Slugs(outcome, "created").Should().NotContain(badZone);
            Slugs(outcome, "updated").Should().NotContain(existing);
            await Http.ProblemAsync(await admin.GetAsync($"/api/admin/tenants/{badZone}"), 404);
            (await admin.GetJsonAsync($"/api/admin/tenants/{existing}"))["settings"]!["assistant"]!["name"]!.GetValue<string>().Should().Be("Eva");
        }
        finally
        {
            await app.EditConfigAsync(c =>
            {
                c.Remove(badZone);
                c[existing]!["sales_agent_name"] = "Eva";
            });
        }
    }

    [Fact]
    public async Task The_legacy_alias_reloads_too()
    {
        var admin = await app.AdminClientAsync();
        var slug = NewSlug();
        await app.EditConfigAsync(c => c[slug] = Company("Delta", "Dora", 15));

        var outcome = await admin.PostJsonAsync("/admin/companies/reload-config", new { }, 200);
        Slugs(outcome, "created").Should().Equal(slug);
        Slugs(outcome, "unchanged").Should().Contain("acme");
        (await admin.GetJsonAsync($"/api/admin/tenants/{slug}"))["settings"]!["assistant"]!["name"]!.GetValue<string>().Should().Be("Dora");
        (await admin.GetJsonAsync("/companies"))["companies"]!.AsArray()
            .Should().Contain(c => c!["slug"]!.GetValue<string>() == slug && c["company_name"]!.GetValue<string>() == "Delta");
    }

    [Fact]
    public async Task A_config_that_cannot_be_read_is_422_and_changes_nothing()
    {
        var admin = await app.AdminClientAsync();
        var saved = await File.ReadAllTextAsync(app.ConfigPath);
        try
        {
            await File.WriteAllTextAsync(app.ConfigPath, "{ this is not json");
            await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants/reload-config", Http.Json(new { })), 422);
            await File.WriteAllTextAsync(app.ConfigPath, "[1, 2]");
            await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants/reload-config", Http.Json(new { })), 422);
        }
        finally
        {
            await File.WriteAllTextAsync(app.ConfigPath, saved);
        }
        (await admin.GetJsonAsync("/api/admin/tenants/acme"))["name"]!.GetValue<string>().Should().Be("Acme");
    }

    [Fact]
    public async Task Reloading_needs_a_superadmin()
    {
        var created = await (await app.AdminClientAsync()).PostJsonAsync("/api/admin/tenants", new { slug = NewSlug(), name = "Keyholder" }, 201);
        var key = app.ClientWithKey(created["api_key"]!["key"]!.GetValue<string>());
        await Http.ProblemAsync(await app.CreateClient().PostAsync("/api/admin/tenants/reload-config", Http.Json(new { })), 401);
        await Http.ProblemAsync(await key.PostAsync("/api/admin/tenants/reload-config", Http.Json(new { })), 403);
        await Http.ProblemAsync(await key.PostAsync("/admin/companies/reload-config", Http.Json(new { })), 403);
    }
}

public sealed class CompaniesConfigTestsOnSqlite(CompaniesConfigSqliteFactory app)
    : CompaniesConfigTests(app), IClassFixture<CompaniesConfigSqliteFactory>;

public sealed class CompaniesConfigTestsOnPostgres(CompaniesConfigPostgresFactory app)
    : CompaniesConfigTests(app), IClassFixture<CompaniesConfigPostgresFactory>;
