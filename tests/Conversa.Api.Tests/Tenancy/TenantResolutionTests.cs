using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Tenancy;

public abstract class TenantResolutionTests(ConversaFactory app)
{
    [Fact]
    public async Task A_tenant_endpoint_without_credentials_is_401_with_a_clear_detail()
    {
        var problem = await Http.ProblemAsync(await app.CreateClient().GetAsync("/api/tenant"), 401);
        problem["detail"]!.GetValue<string>().Should().Contain("API key");
    }

    [Fact]
    public async Task A_secret_key_resolves_its_tenant_by_either_header()
    {
        var tenant = await app.CreateTenantAsync();
        (await tenant.KeyClient().GetJsonAsync("/api/tenant"))["slug"]!.GetValue<string>().Should().Be(tenant.Slug);

        var bearer = app.ClientWithToken(tenant.Key);
        (await bearer.GetJsonAsync("/api/tenant"))["id"]!.GetValue<string>().Should().Be(tenant.Id.ToString());
    }

    [Fact]
    public async Task An_unknown_key_or_token_is_401()
    {
        await Http.ProblemAsync(await app.ClientWithKey("sk_" + new string('x', 32)).GetAsync("/api/tenant"), 401);
        await Http.ProblemAsync(await app.ClientWithToken("eyJhbGciOiJIUzI1NiJ9.e30.x").GetAsync("/api/tenant"), 401);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_on_the_next_request()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var created = await owner.PostJsonAsync("/api/api-keys", new { name = "integration" }, 201);
        var key = app.ClientWithKey(created["key"]!.GetValue<string>());
        await key.GetJsonAsync("/api/tenant");

        (await owner.DeleteAsync($"/api/api-keys/{created["id"]}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        await Http.ProblemAsync(await key.GetAsync("/api/tenant"), 401);
    }

    [Fact]
    public async Task Selecting_another_tenant_is_403_for_anyone_but_the_superadmin()
    {
        var mine = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        foreach (var header in new[] { "X-Tenant-ID", "X-Company-ID", "X-Client-ID" })
        {
            var client = mine.KeyClient();
            client.DefaultRequestHeaders.Add(header, other.Slug);
            await Http.ProblemAsync(await client.GetAsync("/api/tenant"), 403);
        }
        await Http.ProblemAsync(await mine.KeyClient().GetAsync($"/api/tenant?tenant_id={other.Id}"), 403);
        await Http.ProblemAsync(await mine.KeyClient().GetAsync($"/api/tenant?company_id={other.Slug}"), 403);

        var same = mine.KeyClient();
        same.DefaultRequestHeaders.Add("X-Tenant-ID", mine.Slug);
        (await same.GetJsonAsync("/api/tenant"))["slug"]!.GetValue<string>().Should().Be(mine.Slug);
    }

    [Fact]
    public async Task The_superadmin_selects_a_tenant_by_header_query_or_body_and_it_is_audited()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        await Http.ProblemAsync(await admin.GetAsync("/api/tenant"), 400);

        var byHeader = await app.AdminClientAsync();
        byHeader.DefaultRequestHeaders.Add("X-Tenant-ID", tenant.Id.ToString());
        (await byHeader.GetJsonAsync("/api/tenant"))["slug"]!.GetValue<string>().Should().Be(tenant.Slug);

        (await admin.GetJsonAsync($"/api/tenant?company_id={tenant.Slug}"))["slug"]!.GetValue<string>().Should().Be(tenant.Slug);

        var patched = await admin.PatchJsonAsync("/api/tenant", new { company_id = tenant.Slug, name = "Renamed by admin" }, 200);
        patched["name"]!.GetValue<string>().Should().Be("Renamed by admin");

        var unknown = await app.AdminClientAsync();
        unknown.DefaultRequestHeaders.Add("X-Tenant-ID", "no-such-tenant");
        await Http.ProblemAsync(await unknown.GetAsync("/api/tenant"), 404);

        var audit = await admin.GetJsonAsync($"/api/admin/audit?tenant={tenant.Slug}&action=superadmin.access");
        audit["total"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(3);
        audit["items"]![0]!["actor_email"]!.GetValue<string>().Should().Be(ConversaFactory.AdminEmail);
    }

    [Fact]
    public async Task A_public_key_is_refused_outside_widget_endpoints_and_from_other_origins()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var created = await owner.PostJsonAsync("/api/api-keys",
            new { name = "widget", kind = "public", allowed_origins = new[] { "https://shop.example.com" } }, 201);
        created["key"]!.GetValue<string>().Should().StartWith("pk_");

        var fromShop = app.ClientWithKey(created["key"]!.GetValue<string>());
        fromShop.DefaultRequestHeaders.Add("Origin", "https://shop.example.com");
        var problem = await Http.ProblemAsync(await fromShop.GetAsync("/api/tenant"), 403);
        problem["detail"]!.GetValue<string>().Should().Contain("widget");

        var fromElsewhere = app.ClientWithKey(created["key"]!.GetValue<string>());
        fromElsewhere.DefaultRequestHeaders.Add("Origin", "https://evil.example.com");
        await Http.ProblemAsync(await fromElsewhere.GetAsync("/api/tenant"), 403);
    }

    [Fact]
    public async Task An_agent_reads_the_tenant_but_cannot_manage_it()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var email = $"agent-{tenant.Slug}@example.com";
        await owner.PostJsonAsync("/api/users", new { email, name = "Agent", role = "agent", password = "agent-password" }, 201);
        var agent = app.ClientWithToken(await Http.LoginAsync(app.CreateClient(), email, "agent-password"));

        await agent.GetJsonAsync("/api/tenant");
        await Http.ProblemAsync(await agent.PatchAsync("/api/tenant", Http.Json(new { name = "x" })), 403);
        await Http.ProblemAsync(await agent.GetAsync("/api/users"), 403);
        await Http.ProblemAsync(await agent.GetAsync("/api/api-keys"), 403);
        await Http.ProblemAsync(await agent.GetAsync("/api/admin/tenants"), 403);
    }

    [Fact]
    public async Task A_suspended_tenants_keys_are_refused_with_403()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { status = "suspended" }, 200);
        var problem = await Http.ProblemAsync(await tenant.KeyClient().GetAsync("/api/tenant"), 403);
        problem["detail"]!.GetValue<string>().Should().Contain("suspended");

        await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { status = "active" }, 200);
        await tenant.KeyClient().GetJsonAsync("/api/tenant");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TenantResolutionTestsOnSqlite(SqliteFactory app) : TenantResolutionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TenantResolutionTestsOnPostgres(PostgresFactory app) : TenantResolutionTests(app);
