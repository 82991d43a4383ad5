using System.Net;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Identity;

public abstract class UserAndKeyTests(ConversaFactory app)
{
    [Fact]
    public async Task An_owner_invites_users_who_can_sign_in()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var email = $"Admin-{tenant.Slug}@Example.com";
        var created = await owner.PostJsonAsync("/api/users", new { email, name = "Admin", role = "admin", password = "admin-password" }, 201);
        created["email"]!.GetValue<string>().Should().Be(email.ToLowerInvariant());
        created.AsObject().ContainsKey("password_hash").Should().BeFalse();

        var token = await Http.LoginAsync(app.CreateClient(), email, "admin-password");
        (await app.ClientWithToken(token).GetJsonAsync("/api/me"))["role"]!.GetValue<string>().Should().Be("admin");

        var list = await owner.GetJsonAsync("/api/users");
        list["total"]!.GetValue<int>().Should().Be(2);
        list["items"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task User_rules_duplicate_email_bad_role_and_owners()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();

        await Http.ProblemAsync(await owner.PostAsync("/api/users",
            Http.Json(new { email = other.OwnerEmail, name = "Dup", role = "agent", password = "password-1" })), 409);
        var invalid = await Http.ProblemAsync(await owner.PostAsync("/api/users",
            Http.Json(new { email = "not-an-email", name = "", role = "superadmin", password = "short" })), 400);
        invalid["errors"]!.AsObject().Select(e => e.Key).Should().Contain(["email", "name", "role", "password"]);

        var adminEmail = $"admin-{tenant.Slug}@example.com";
        await owner.PostJsonAsync("/api/users", new { email = adminEmail, name = "Admin", role = "admin", password = "admin-password" }, 201);
        var admin = app.ClientWithToken(await Http.LoginAsync(app.CreateClient(), adminEmail, "admin-password"));
        await Http.ProblemAsync(await admin.PostAsync("/api/users",
            Http.Json(new { email = $"o2-{tenant.Slug}@example.com", name = "Owner 2", role = "owner", password = "owner-password" })), 403);

        var users = await owner.GetJsonAsync("/api/users");
        var ownerId = users["items"]!.AsArray().Single(u => u!["role"]!.GetValue<string>() == "owner")!["id"]!.GetValue<string>();
        await Http.ProblemAsync(await admin.DeleteAsync($"/api/users/{ownerId}"), 403);
        await Http.ProblemAsync(await owner.DeleteAsync($"/api/users/{ownerId}"), 409);
    }

    [Fact]
    public async Task Keys_are_shown_once_listed_by_prefix_and_paged()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        for (var i = 0; i < 3; i++)
        {
            await client.PostJsonAsync("/api/api-keys", new { name = $"k{i}", rate_limit_per_minute = 100 }, 201);
        }
        var page1 = await client.GetJsonAsync("/api/api-keys?limit=2");
        page1["total"]!.GetValue<int>().Should().Be(4);
        page1["items"]!.AsArray().Should().HaveCount(2);
        var cursor = page1["next_cursor"]!.GetValue<string>();
        var page2 = await client.GetJsonAsync($"/api/api-keys?limit=2&cursor={Uri.EscapeDataString(cursor)}");
        page2["items"]!.AsArray().Should().HaveCount(2);
        page2["next_cursor"].Should().BeNull();

        var all = page1["items"]!.ToJsonString() + page2["items"]!.ToJsonString();
        all.Should().NotContain("\"key\"");
        all.Should().NotContain("key_hash");
        all.Should().Contain("\"prefix\":\"sk_");
    }

    [Fact]
    public async Task A_used_key_shows_when_it_was_last_used()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.KeyClient().GetJsonAsync("/api/tenant");
        var keys = await (await tenant.OwnerClientAsync()).GetJsonAsync("/api/api-keys");
        keys["items"]!.AsArray().Single()!["last_used_at"]!.GetValue<DateTime>().Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Key_and_paging_input_is_validated()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        var problem = await Http.ProblemAsync(await client.PostAsync("/api/api-keys", Http.Json(new { name = "w", kind = "public" })), 400);
        problem["errors"]!["allowed_origins"].Should().NotBeNull();
        await Http.ProblemAsync(await client.PostAsync("/api/api-keys", Http.Json(new { name = "w", kind = "magic" })), 400);
        await Http.ProblemAsync(await client.GetAsync("/api/api-keys?limit=0"), 400);
        await Http.ProblemAsync(await client.GetAsync("/api/api-keys?limit=201"), 400);
        await Http.ProblemAsync(await client.GetAsync("/api/api-keys?cursor=garbage!"), 400);
        (await client.GetAsync("/api/api-keys?limit=abc")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UserAndKeyTestsOnSqlite(SqliteFactory app) : UserAndKeyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UserAndKeyTestsOnPostgres(PostgresFactory app) : UserAndKeyTests(app);
