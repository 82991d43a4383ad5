using System.Net.Http.Json;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Identity;

public abstract class AuthTests(ConversaFactory app)
{
    [Fact]
    public async Task An_owner_signs_in_and_sees_themself()
    {
        var tenant = await app.CreateTenantAsync();
        var login = await app.CreateClient().PostJsonAsync("/api/auth/login",
            new { email = tenant.OwnerEmail, password = tenant.OwnerPassword }, 200);

        login["token_type"]!.GetValue<string>().Should().Be("Bearer");
        login["expires_in"]!.GetValue<int>().Should().BePositive();
        login["user"]!["role"]!.GetValue<string>().Should().Be("owner");
        login["user"]!["tenant_slug"]!.GetValue<string>().Should().Be(tenant.Slug);

        var me = await app.ClientWithToken(login["access_token"]!.GetValue<string>()).GetJsonAsync("/api/me");
        me["email"]!.GetValue<string>().Should().Be(tenant.OwnerEmail);
        me["tenant_id"]!.GetValue<string>().Should().Be(tenant.Id.ToString());
    }

    [Fact]
    public async Task The_superadmin_signs_in_without_a_tenant()
    {
        var token = await Http.LoginAsync(app.CreateClient(), ConversaFactory.AdminEmail, ConversaFactory.AdminPassword);
        var me = await app.ClientWithToken(token).GetJsonAsync("/api/me");
        me["role"]!.GetValue<string>().Should().Be("superadmin");
        me["tenant_id"].Should().BeNull();
    }

    [Fact]
    public async Task A_wrong_password_is_401_and_repeated_failures_are_throttled()
    {
        var tenant = await app.CreateTenantAsync();
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var problem = await Http.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login",
                new { email = tenant.OwnerEmail, password = "wrong-" + i }), 401);
            problem["detail"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        }

        var throttled = await client.PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.OwnerPassword });
        await Http.ProblemAsync(throttled, 429);
        throttled.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task An_unknown_email_is_401_like_a_wrong_password()
    {
        await Http.ProblemAsync(await app.CreateClient().PostAsJsonAsync("/api/auth/login",
            new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "whatever-123" }), 401);
    }

    [Fact]
    public async Task Login_without_fields_or_with_malformed_json_is_400()
    {
        var client = app.CreateClient();
        var missing = await Http.ProblemAsync(await client.PostAsync("/api/auth/login", Http.Json(new { email = "" })), 400);
        missing["errors"]!["email"].Should().NotBeNull();
        missing["errors"]!["password"].Should().NotBeNull();

        await Http.ProblemAsync(await client.PostAsync("/api/auth/login", Http.Raw("{\"email\": ")), 400);
        await Http.ProblemAsync(await client.PostAsync("/api/auth/login", Http.Raw("")), 400);
    }

    [Fact]
    public async Task Me_needs_a_valid_token()
    {
        await Http.ProblemAsync(await app.CreateClient().GetAsync("/api/me"), 401);
        await Http.ProblemAsync(await app.ClientWithToken("not-a-jwt").GetAsync("/api/me"), 401);
        var tenant = await app.CreateTenantAsync();
        await Http.ProblemAsync(await tenant.KeyClient().GetAsync("/api/me"), 403);
    }

    [Fact]
    public async Task A_deleted_users_token_stops_working()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var created = await owner.PostJsonAsync("/api/users",
            new { email = $"agent-{tenant.Slug}@example.com", name = "Agent", role = "agent", password = "agent-password" }, 201);
        var agentToken = await Http.LoginAsync(app.CreateClient(), $"agent-{tenant.Slug}@example.com", "agent-password");
        var agent = app.ClientWithToken(agentToken);
        await agent.GetJsonAsync("/api/me");

        (await owner.DeleteAsync($"/api/users/{created["id"]}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        await Http.ProblemAsync(await agent.GetAsync("/api/me"), 401);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthTestsOnSqlite(SqliteFactory app) : AuthTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AuthTestsOnPostgres(PostgresFactory app) : AuthTests(app);
