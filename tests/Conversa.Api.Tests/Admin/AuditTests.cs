using System.Net;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Admin;

/// <summary>The audit trail the superadmin reads at <c>/api/admin/audit</c>.</summary>
public abstract class AuditTests(ConversaFactory app)
{
    private static List<JsonNode> Items(JsonNode page) => page["items"]!.AsArray().Select(i => i!).ToList();

    private static List<string> Actions(JsonNode page) => Items(page).Select(i => i["action"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Changes_to_a_tenant_are_listed_under_it()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        var owner = await tenant.OwnerClientAsync();
        await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { plan = "pro" }, 200);
        var user = await owner.PostJsonAsync("/api/users",
            new { email = $"agent-{tenant.Slug}@example.com", name = "Agent", role = "agent", password = "agent-password" }, 201);
        var key = await owner.PostJsonAsync("/api/api-keys", new { name = "audited" }, 201);
        await owner.PatchJsonAsync("/api/tenant", new { settings = new { widget = new { greeting_message = "Hi" } } }, 200);
        await owner.DeleteAsync($"/api/api-keys/{key["id"]}");

        var page = await admin.GetJsonAsync($"/api/admin/audit?tenant={tenant.Slug}");
        Actions(page).Should().Contain(["tenant.created", "tenant.updated", "user.created", "api_key.created", "api_key.revoked", "tenant.settings_updated"]);
        page["total"]!.GetValue<int>().Should().Be(Items(page).Count);
        page.AsObject().ContainsKey("next_cursor").Should().BeTrue();
        Items(page).Should().OnlyContain(i => i["tenant_id"]!.GetValue<string>() == tenant.Id.ToString());

        // Newest first.
        var times = Items(page).Select(i => DateTime.Parse(i["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        times.Should().BeInDescendingOrder();
        Actions(page).Last().Should().Be("tenant.created");

        var created = Items(page).Single(i => i["action"]!.GetValue<string>() == "user.created");
        created["target"]!.GetValue<string>().Should().Be(user["id"]!.GetValue<string>());
        created["actor_kind"]!.GetValue<string>().Should().Be("user");
        created["detail"]!["email"]!.GetValue<string>().Should().Be($"agent-{tenant.Slug}@example.com");
        created.ToJsonString().Should().NotContain("agent-password");
        Items(page).Single(i => i["action"]!.GetValue<string>() == "api_key.created").ToJsonString()
            .Should().NotContain(key["key"]!.GetValue<string>());

        // By id as well, and the other tenant's trail is separate.
        (await admin.GetJsonAsync($"/api/admin/audit?tenant={tenant.Id}"))["total"]!.GetValue<int>().Should().Be(page["total"]!.GetValue<int>());
        Actions(await admin.GetJsonAsync($"/api/admin/audit?tenant={other.Slug}")).Should().NotContain("user.created");
    }

    [Fact]
    public async Task Admin_changes_are_attributed_to_the_superadmin()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        var me = await admin.GetJsonAsync("/api/me");
        await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { status = "suspended" }, 200);

        var events = Items(await admin.GetJsonAsync($"/api/admin/audit?tenant={tenant.Slug}"));
        foreach (var action in new[] { "tenant.created", "tenant.updated" })
        {
            var e = events.Single(i => i["action"]!.GetValue<string>() == action);
            e["actor_kind"]!.GetValue<string>().Should().Be("user", "{0} was done by the superadmin: {1}", action, e.ToJsonString());
            e["actor_id"]!.GetValue<string>().Should().Be(me["id"]!.GetValue<string>());
        }
        events.Single(i => i["action"]!.GetValue<string>() == "tenant.updated")["detail"]!["status"]!.GetValue<string>().Should().Be("suspended");
    }

    [Fact]
    public async Task Filtering_by_action_and_paging_work()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        for (var i = 0; i < 3; i++)
        {
            await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { name = "Name " + i }, 200);
        }

        var updates = await admin.GetJsonAsync($"/api/admin/audit?tenant={tenant.Slug}&action=tenant.updated&limit=2");
        updates["total"]!.GetValue<int>().Should().Be(3);
        Actions(updates).Should().HaveCount(2).And.OnlyContain(a => a == "tenant.updated");
        var cursor = updates["next_cursor"]!.GetValue<string>();
        var rest = await admin.GetJsonAsync($"/api/admin/audit?tenant={tenant.Slug}&action=tenant.updated&limit=2&cursor={Uri.EscapeDataString(cursor)}");
        Actions(rest).Should().ContainSingle();
        rest["next_cursor"].Should().BeNull();
        Items(updates).Concat(Items(rest)).Select(i => i["id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();

        await Http.ProblemAsync(await admin.GetAsync("/api/admin/audit?limit=0"), 400);
        await Http.ProblemAsync(await admin.GetAsync("/api/admin/audit?limit=500"), 400);
        await Http.ProblemAsync(await admin.GetAsync($"/api/admin/audit?tenant=nobody-{Guid.NewGuid():N}"), 404);
    }

    [Fact]
    public async Task A_superadmin_looking_into_a_tenant_is_recorded()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        Actions(await admin.GetJsonAsync($"/api/admin/audit?tenant={tenant.Slug}")).Should().NotContain("superadmin.access");

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/tenant");
        request.Headers.Add("X-Tenant-ID", tenant.Slug);
        var seen = await Http.ReadAsync(await admin.SendAsync(request), 200);
        seen["slug"]!.GetValue<string>().Should().Be(tenant.Slug);

        var access = Items(await admin.GetJsonAsync($"/api/admin/audit?tenant={tenant.Slug}&action=superadmin.access"));
        access.Should().ContainSingle();
        access[0]["target"]!.GetValue<string>().Should().Contain("/api/tenant");
        access[0]["actor_id"]!.GetValue<string>().Should().Be((await admin.GetJsonAsync("/api/me"))["id"]!.GetValue<string>());

        // Without a tenant selected, a tenant endpoint tells the superadmin to pick one.
        await Http.ProblemAsync(await admin.GetAsync("/api/tenant"), 400);
    }

    [Fact]
    public async Task Deleting_a_tenant_is_recorded_on_the_platform_trail()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        (await admin.DeleteAsync($"/api/admin/tenants/{tenant.Slug}?confirm={tenant.Slug}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var deleted = Items(await admin.GetJsonAsync("/api/admin/audit?action=tenant.deleted&limit=200"));
        var e = deleted.Should().ContainSingle(i => i["target"]!.GetValue<string>() == tenant.Slug).Which;
        e["detail"]!["tenant_id"]!.GetValue<string>().Should().Be(tenant.Id.ToString());
        e["actor_kind"]!.GetValue<string>().Should().Be("user");
        await Http.ProblemAsync(await admin.GetAsync($"/api/admin/audit?tenant={tenant.Slug}"), 404);

        // The tenant's own trail went with it.
        Items(await admin.GetJsonAsync("/api/admin/audit?action=tenant.created&limit=200"))
            .Should().NotContain(i => i["tenant_id"]!.GetValue<string>() == tenant.Id.ToString());
    }

    [Fact]
    public async Task The_audit_is_for_the_superadmin_only()
    {
        var tenant = await app.CreateTenantAsync();
        await Http.ProblemAsync(await app.CreateClient().GetAsync("/api/admin/audit"), 401);
        await Http.ProblemAsync(await (await tenant.OwnerClientAsync()).GetAsync($"/api/admin/audit?tenant={tenant.Slug}"), 403);
        await Http.ProblemAsync(await tenant.KeyClient().GetAsync($"/api/admin/audit?tenant={tenant.Slug}"), 403);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditTestsOnSqlite(SqliteFactory app) : AuditTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuditTestsOnPostgres(PostgresFactory app) : AuditTests(app);
