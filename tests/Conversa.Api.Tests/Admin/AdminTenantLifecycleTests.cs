using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Admin;

/// <summary>Suspending, re-planning, limiting, re-configuring and deleting tenants as the platform admin.</summary>
public abstract class AdminTenantLifecycleTests(ConversaFactory app)
{
    private Task<HttpResponseMessage> LoginAsync(TestTenant tenant) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.OwnerPassword });

    [Fact]
    public async Task A_suspended_tenants_key_token_and_login_are_refused_until_it_is_active_again()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var admin = await app.AdminClientAsync();

        var suspended = await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { status = "suspended" }, 200);
        suspended["status"]!.GetValue<string>().Should().Be("suspended");
        (await admin.GetJsonAsync($"/api/admin/tenants/{tenant.Id}"))["status"]!.GetValue<string>().Should().Be("suspended");

        await Http.ProblemAsync(await tenant.KeyClient().GetAsync("/api/tenant"), 403);
        await Http.ProblemAsync(await owner.GetAsync("/api/tenant"), 403);
        var login = await LoginAsync(tenant);
        login.IsSuccessStatusCode.Should().BeFalse();
        await Http.ProblemAsync(login, 403);

        // Other tenants are not affected.
        await other.KeyClient().GetJsonAsync("/api/tenant");

        var active = await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Id}", new { status = "active" }, 200);
        active["status"]!.GetValue<string>().Should().Be("active");
        (await tenant.KeyClient().GetJsonAsync("/api/tenant"))["slug"]!.GetValue<string>().Should().Be(tenant.Slug);
        await owner.GetJsonAsync("/api/tenant");
        await Http.ReadAsync(await LoginAsync(tenant), 200);
    }

    [Fact]
    public async Task An_unknown_status_is_400_and_an_unknown_tenant_is_404()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        var problem = await Http.ProblemAsync(await admin.PatchAsync($"/api/admin/tenants/{tenant.Slug}", Http.Json(new { status = "paused" })), 400);
        problem["errors"]!["status"].Should().NotBeNull();
        (await admin.GetJsonAsync($"/api/admin/tenants/{tenant.Slug}"))["status"]!.GetValue<string>().Should().Be("active");

        await Http.ProblemAsync(await admin.PatchAsync("/api/admin/tenants/no-such-tenant-" + Guid.NewGuid().ToString("N")[..8],
            Http.Json(new { status = "suspended" })), 404);
    }

    [Fact]
    public async Task The_plan_changes_and_an_unknown_plan_is_422()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();

        (await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { plan = "pro" }, 200))["plan"]!.GetValue<string>().Should().Be("pro");
        (await admin.GetJsonAsync($"/api/admin/tenants/{tenant.Slug}"))["plan"]!.GetValue<string>().Should().Be("pro");
        (await tenant.KeyClient().GetJsonAsync("/api/tenant"))["plan"]!.GetValue<string>().Should().Be("pro");

        await Http.ProblemAsync(await admin.PatchAsync($"/api/admin/tenants/{tenant.Slug}", Http.Json(new { plan = "platinum-" + tenant.Slug })), 422);
        (await admin.GetJsonAsync($"/api/admin/tenants/{tenant.Slug}"))["plan"]!.GetValue<string>().Should().Be("pro");
    }

    [Fact]
    public async Task An_owner_cannot_change_status_plan_or_limits()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        await Http.ProblemAsync(await owner.PatchAsync("/api/tenant", Http.Json(new { status = "suspended" })), 403);
        await Http.ProblemAsync(await owner.PatchAsync("/api/tenant", Http.Json(new { plan = "enterprise" })), 403);
        await Http.ProblemAsync(await owner.PatchAsync("/api/tenant", Http.Json(new { limits = new { messages = 1_000_000 } })), 403);
        await Http.ProblemAsync(await owner.PatchAsync($"/api/admin/tenants/{tenant.Slug}", Http.Json(new { plan = "enterprise" })), 403);

        var view = await owner.GetJsonAsync("/api/tenant");
        view["plan"]!.GetValue<string>().Should().Be("free");
        view["status"]!.GetValue<string>().Should().Be("active");
    }

    [Fact]
    public async Task Limits_overrides_merge_and_null_returns_to_the_plans()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        var url = $"/api/admin/tenants/{tenant.Slug}";
        (await admin.GetJsonAsync(url))["limits"].Should().BeNull();

        var limited = await admin.PatchJsonAsync(url, new { limits = new { messages = 10 } }, 200);
        limited["limits"]!["messages"]!.GetValue<long>().Should().Be(10);

        var both = await admin.PatchJsonAsync(url, new { limits = new { ai_tokens = 5000 } }, 200);
        both["limits"]!["messages"]!.GetValue<long>().Should().Be(10);
        both["limits"]!["ai_tokens"]!.GetValue<long>().Should().Be(5000);

        var removed = await admin.PatchJsonAsync(url, JsonNode.Parse("""{"limits": {"messages": null}}""")!, 200);
        removed["limits"]!.AsObject().ContainsKey("messages").Should().BeFalse();
        removed["limits"]!["ai_tokens"]!.GetValue<long>().Should().Be(5000);
        (await admin.GetJsonAsync(url))["limits"]!.AsObject().ContainsKey("messages").Should().BeFalse();

        var none = await admin.PatchJsonAsync(url, JsonNode.Parse("""{"limits": {"ai_tokens": null}}""")!, 200);
        none["limits"].Should().BeNull();

        // A patch without limits leaves them alone.
        await admin.PatchJsonAsync(url, new { limits = new { bookings = 3, documents = 0 } }, 200);
        var kept = await admin.PatchJsonAsync(url, new { name = "Renamed" }, 200);
        kept["limits"]!["bookings"]!.GetValue<long>().Should().Be(3);
        kept["limits"]!["documents"]!.GetValue<long>().Should().Be(0);
        kept["name"]!.GetValue<string>().Should().Be("Renamed");
    }

    [Theory]
    [InlineData("""{"limits": {"messages": -1}}""", "limits.messages")]
    [InlineData("""{"limits": {"messages": "lots"}}""", "limits.messages")]
    [InlineData("""{"limits": {"widgets": 5}}""", "limits.widgets")]
    [InlineData("""{"timezone": "Nowhere/City"}""", "timezone")]
    [InlineData("""{"settings": {"widget": {"primary_color": "blue"}}}""", "settings.widget.primary_color")]
    public async Task Invalid_patches_are_400_and_change_nothing(string body, string field)
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        var url = $"/api/admin/tenants/{tenant.Slug}";
        var before = await admin.GetJsonAsync(url);

        var problem = await Http.ProblemAsync(await admin.PatchAsync(url, Http.Raw(body)), 400);
        problem["errors"]![field].Should().NotBeNull("the errors were {0}", problem["errors"]?.ToJsonString());

        var after = await admin.GetJsonAsync(url);
        JsonNode.DeepEquals(before, after).Should().BeTrue("the tenant was {0} and is {1}", before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task Settings_are_merged_as_a_json_merge_patch_by_the_admin_and_by_the_owner()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        var owner = await tenant.OwnerClientAsync();
        var url = $"/api/admin/tenants/{tenant.Slug}";
        var before = (await admin.GetJsonAsync(url))["settings"]!;

        await admin.PatchJsonAsync(url, new { settings = new { widget = new { greeting_message = "Hola" }, assistant = new { persona = "calm" } } }, 200);
        var patched = (await admin.PatchJsonAsync(url, new { settings = new { widget = new { primary_color = "#ff0000" } } }, 200))["settings"]!;
        patched["widget"]!["primary_color"]!.GetValue<string>().Should().Be("#ff0000");
        patched["widget"]!["greeting_message"]!.GetValue<string>().Should().Be("Hola", "keys not sent are kept");
        patched["assistant"]!["persona"]!.GetValue<string>().Should().Be("calm");
        JsonNode.DeepEquals(patched["assistant"]!["agents_enabled"], before["assistant"]!["agents_enabled"]).Should().BeTrue();
        JsonNode.DeepEquals(patched["booking"], before["booking"]).Should().BeTrue();

        var removed = (await admin.PatchJsonAsync(url, JsonNode.Parse("""{"settings": {"widget": {"greeting_message": null}}}""")!, 200))["settings"]!;
        removed["widget"]!.AsObject().ContainsKey("greeting_message").Should().BeFalse("null removes a key");
        removed["widget"]!["primary_color"]!.GetValue<string>().Should().Be("#ff0000");

        // The owner's PATCH /api/tenant merges the same way, and both see the same document.
        var byOwner = (await owner.PatchJsonAsync("/api/tenant", new { settings = new { emergency = new { keywords = new[] { "dolor" } } } }, 200))["settings"]!;
        byOwner["widget"]!["primary_color"]!.GetValue<string>().Should().Be("#ff0000");
        byOwner["assistant"]!["persona"]!.GetValue<string>().Should().Be("calm");
        byOwner["emergency"]!["keywords"]![0]!.GetValue<string>().Should().Be("dolor");
        JsonNode.DeepEquals(byOwner, (await admin.GetJsonAsync(url))["settings"]).Should().BeTrue();
    }

    [Fact]
    public async Task The_ai_key_set_through_the_admin_is_write_only()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        var url = $"/api/admin/tenants/{tenant.Slug}";

        var set = await admin.PatchJsonAsync(url, new { settings = new { ai = new { provider = "openai", api_key = "sk-admin-secret-9" } } }, 200);
        set["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeTrue();
        set.ToJsonString().Should().NotContain("sk-admin-secret-9");
        (await tenant.KeyClient().GetJsonAsync("/api/tenant"))["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeTrue();

        var cleared = await admin.PatchJsonAsync(url, JsonNode.Parse("""{"settings": {"ai": {"api_key": null}}}""")!, 200);
        cleared["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeFalse();
        cleared["settings"]!["ai"]!["provider"]!.GetValue<string>().Should().Be("openai");
    }

    [Fact]
    public async Task Deleting_needs_the_slug_repeated_and_otherwise_deletes_nothing()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();

        var missing = await Http.ProblemAsync(await admin.DeleteAsync($"/api/admin/tenants/{tenant.Slug}"), 400);
        missing["errors"]!["confirm"].Should().NotBeNull();
        await Http.ProblemAsync(await admin.DeleteAsync($"/api/admin/tenants/{tenant.Slug}?confirm=wrong-slug"), 400);
        await Http.ProblemAsync(await admin.DeleteAsync($"/api/admin/tenants/{tenant.Id}?confirm={tenant.Id}"), 400);
        await Http.ProblemAsync(await admin.DeleteAsync($"/api/admin/tenants/{tenant.Slug}?confirm={tenant.Slug.ToUpperInvariant()}"), 400);

        await admin.GetJsonAsync($"/api/admin/tenants/{tenant.Slug}");
        await tenant.KeyClient().GetJsonAsync("/api/tenant");
        await tenant.OwnerClientAsync();
    }

    [Fact]
    public async Task Deleting_removes_the_tenant_its_keys_and_users_and_frees_the_owner_email()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var agentEmail = $"agent-{tenant.Slug}@example.com";
        await owner.PostJsonAsync("/api/users", new { email = agentEmail, name = "Agent", role = "agent", password = "agent-password" }, 201);
        var extraKey = (await owner.PostJsonAsync("/api/api-keys", new { name = "extra" }, 201))["key"]!.GetValue<string>();
        await owner.PatchJsonAsync("/api/tenant", new { settings = new { ai = new { api_key = "sk-to-be-deleted" } } }, 200);
        var admin = await app.AdminClientAsync();

        var deleted = await admin.DeleteAsync($"/api/admin/tenants/{tenant.Slug}?confirm={tenant.Slug}");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);

        await Http.ProblemAsync(await tenant.KeyClient().GetAsync("/api/tenant"), 401);
        await Http.ProblemAsync(await app.ClientWithKey(extraKey).GetAsync("/api/tenant"), 401);
        await Http.ProblemAsync(await owner.GetAsync("/api/tenant"), 401);
        await Http.ProblemAsync(await LoginAsync(tenant), 401);
        await Http.ProblemAsync(await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = agentEmail, password = "agent-password" }), 401);
        await Http.ProblemAsync(await admin.GetAsync($"/api/admin/tenants/{tenant.Slug}"), 404);
        await Http.ProblemAsync(await admin.GetAsync($"/api/admin/tenants/{tenant.Id}"), 404);
        (await admin.GetJsonAsync($"/api/admin/tenants?q={tenant.Slug}"))["total"]!.GetValue<int>().Should().Be(0);
        await Http.ProblemAsync(await admin.DeleteAsync($"/api/admin/tenants/{tenant.Slug}?confirm={tenant.Slug}"), 404);

        // The owner's email and the slug are free again.
        var again = await app.CreateTenantAsync(tenant.Slug);
        again.OwnerEmail.Should().Be(tenant.OwnerEmail);
        var fresh = await again.OwnerClientAsync();
        var view = await fresh.GetJsonAsync("/api/tenant");
        view["id"]!.GetValue<string>().Should().NotBe(tenant.Id.ToString());
        view["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeFalse();
        (await fresh.GetJsonAsync("/api/users"))["total"]!.GetValue<int>().Should().Be(1);
        await owner.PostJsonAsync("/api/users", new { email = agentEmail, name = "Agent", role = "agent", password = "agent-password" }, 401);
        await fresh.PostJsonAsync("/api/users", new { email = agentEmail, name = "Agent", role = "agent", password = "agent-password" }, 201);
    }

    [Fact]
    public async Task A_tenant_can_be_deleted_by_id_with_its_slug_as_confirmation()
    {
        var tenant = await app.CreateTenantAsync();
        var keep = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();

        (await admin.DeleteAsync($"/api/admin/tenants/{tenant.Id}?confirm={tenant.Slug}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Http.ProblemAsync(await admin.GetAsync($"/api/admin/tenants/{tenant.Slug}"), 404);

        // Only that tenant went away.
        await keep.KeyClient().GetJsonAsync("/api/tenant");
        await keep.OwnerClientAsync();
    }

    [Fact]
    public async Task Deleting_needs_a_superadmin()
    {
        var tenant = await app.CreateTenantAsync();
        var url = $"/api/admin/tenants/{tenant.Slug}?confirm={tenant.Slug}";
        await Http.ProblemAsync(await app.CreateClient().DeleteAsync(url), 401);
        await Http.ProblemAsync(await tenant.KeyClient().DeleteAsync(url), 403);
        await Http.ProblemAsync(await (await tenant.OwnerClientAsync()).DeleteAsync(url), 403);
        await tenant.KeyClient().GetJsonAsync("/api/tenant");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdminTenantLifecycleTestsOnSqlite(SqliteFactory app) : AdminTenantLifecycleTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AdminTenantLifecycleTestsOnPostgres(PostgresFactory app) : AdminTenantLifecycleTests(app);
