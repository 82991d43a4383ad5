using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Admin;

/// <summary>The seed-compatible <c>/companies</c> aliases older clients call, on an app without a companies config.</summary>
public abstract class CompaniesAliasTests(ConversaFactory app)
{
    [Fact]
    public async Task Companies_lists_every_tenant_for_the_superadmin()
    {
        var tenant = await app.CreateTenantAsync(extra: new { sector = "Estetica" });
        var suspended = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        await admin.PatchJsonAsync($"/api/admin/tenants/{suspended.Slug}", new { status = "suspended" }, 200);

        var companies = (await admin.GetJsonAsync("/companies"))["companies"]!.AsArray();
        var entry = companies.Single(c => c!["slug"]!.GetValue<string>() == tenant.Slug)!;
        entry["company_name"]!.GetValue<string>().Should().Be("Tenant " + tenant.Slug);
        entry["sector"]!.GetValue<string>().Should().Be("estetica");
        entry["status"]!.GetValue<string>().Should().Be("active");
        companies.Single(c => c!["slug"]!.GetValue<string>() == suspended.Slug)!["status"]!.GetValue<string>().Should().Be("suspended");
    }

    [Fact]
    public async Task Companies_needs_a_superadmin()
    {
        var tenant = await app.CreateTenantAsync();
        await Http.ProblemAsync(await app.CreateClient().GetAsync("/companies"), 401);
        await Http.ProblemAsync(await tenant.KeyClient().GetAsync("/companies"), 403);
        await Http.ProblemAsync(await (await tenant.OwnerClientAsync()).GetAsync("/companies"), 403);
    }

    [Fact]
    public async Task Company_status_answers_for_the_keys_own_tenant()
    {
        var tenant = await app.CreateTenantAsync();
        var status = await tenant.KeyClient().GetJsonAsync($"/company/{tenant.Slug}/status");
        status["company_id"]!.GetValue<string>().Should().Be(tenant.Slug);
        var statistics = status["statistics"]!;
        statistics["conversations"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(0);
        statistics["documents"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(0);
        statistics["active_bots"]!.GetValue<int>().Should().BePositive();
        status["orchestrator"]!["system_healthy"]!.GetValue<bool>().Should().BeTrue();
        var agents = status["orchestrator"]!["agents_available"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        agents.Should().Contain(["router", "sales"]);
        statistics["active_bots"]!.GetValue<int>().Should().Be(agents.Count);

        // By id too, and with the owner's token.
        (await tenant.KeyClient().GetJsonAsync($"/company/{tenant.Id}/status"))["company_id"]!.GetValue<string>().Should().Be(tenant.Slug);
        (await (await tenant.OwnerClientAsync()).GetJsonAsync($"/company/{tenant.Slug}/status"))["company_id"]!.GetValue<string>().Should().Be(tenant.Slug);
    }

    [Fact]
    public async Task Company_status_follows_the_enabled_agents()
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.OwnerClientAsync()).PatchJsonAsync("/api/tenant",
            new { settings = new { assistant = new { agents_enabled = new[] { "router", "schedule" } } } }, 200);

        var status = await tenant.KeyClient().GetJsonAsync($"/company/{tenant.Slug}/status");
        status["orchestrator"]!["agents_available"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("router", "schedule");
        status["statistics"]!["active_bots"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Another_tenants_status_is_refused()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        await Http.ProblemAsync(await other.KeyClient().GetAsync($"/company/{tenant.Slug}/status"), 403);
        await Http.ProblemAsync(await other.KeyClient().GetAsync($"/company/{tenant.Id}/status"), 403);
        await Http.ProblemAsync(await (await other.OwnerClientAsync()).GetAsync($"/company/{tenant.Slug}/status"), 403);
        await Http.ProblemAsync(await app.CreateClient().GetAsync($"/company/{tenant.Slug}/status"), 401);
    }

    [Fact]
    public async Task The_superadmin_reads_any_company_status()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        (await admin.GetJsonAsync($"/company/{tenant.Slug}/status"))["company_id"]!.GetValue<string>().Should().Be(tenant.Slug);
        await Http.ProblemAsync(await admin.GetAsync($"/company/nobody-{Guid.NewGuid():N}/status"), 404);
    }

    [Fact]
    public async Task Reloading_without_a_companies_config_is_422()
    {
        var admin = await app.AdminClientAsync();
        var problem = await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants/reload-config", Http.Json(new { })), 422);
        problem["detail"]!.GetValue<string>().Should().Contain("CONVERSA_COMPANIES_CONFIG");
        await Http.ProblemAsync(await admin.PostAsync("/admin/companies/reload-config", Http.Json(new { })), 422);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CompaniesAliasTestsOnSqlite(SqliteFactory app) : CompaniesAliasTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CompaniesAliasTestsOnPostgres(PostgresFactory app) : CompaniesAliasTests(app);
