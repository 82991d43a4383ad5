using System.Net;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Tenancy;

/// <summary>Every tenant-owned resource: another tenant's id is 404 and never data.</summary>
public abstract class CrossTenantTests(ConversaFactory app)
{
    [Fact]
    public async Task Another_tenants_user_is_not_found_and_not_listed()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var bOwner = await b.OwnerClientAsync();
        var bUser = await bOwner.PostJsonAsync("/api/users",
            new { email = $"agent-{b.Slug}@example.com", name = "B agent", role = "agent", password = "agent-password" }, 201);

        var aOwner = await a.OwnerClientAsync();
        await Http.ProblemAsync(await aOwner.DeleteAsync($"/api/users/{bUser["id"]}"), 404);
        await Http.ProblemAsync(await a.KeyClient().DeleteAsync($"/api/users/{bUser["id"]}"), 404);

        var list = await aOwner.GetJsonAsync("/api/users");
        list.ToJsonString().Should().NotContain(b.Slug);
        list["total"]!.GetValue<int>().Should().Be(1);

        // B's user is untouched.
        (await bOwner.GetJsonAsync("/api/users"))["total"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Another_tenants_api_key_cannot_be_revoked_or_seen()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var bKey = await b.KeyClient().PostJsonAsync("/api/api-keys", new { name = "b-integration" }, 201);

        await Http.ProblemAsync(await a.KeyClient().DeleteAsync($"/api/api-keys/{bKey["id"]}"), 404);
        (await a.KeyClient().GetJsonAsync("/api/api-keys")).ToJsonString().Should().NotContain("b-integration");

        // Still valid for B.
        (await app.ClientWithKey(bKey["key"]!.GetValue<string>()).GetJsonAsync("/api/tenant"))["slug"]!
            .GetValue<string>().Should().Be(b.Slug);
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_settings_and_health()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        await (await b.OwnerClientAsync()).PatchJsonAsync("/api/tenant",
            new { settings = new { assistant = new { name = "Secret agent of B" } } }, 200);

        var aTenant = await a.KeyClient().GetJsonAsync("/api/tenant");
        aTenant.ToJsonString().Should().NotContain("Secret agent of B");
        var health = await a.KeyClient().GetJsonAsync("/api/tenant/health");
        health["tenant"]!.GetValue<string>().Should().Be(a.Slug);
    }

    [Fact]
    public async Task Unknown_ids_are_404_not_500()
    {
        var a = await app.CreateTenantAsync();
        await Http.ProblemAsync(await a.KeyClient().DeleteAsync($"/api/users/{Guid.NewGuid()}"), 404);
        await Http.ProblemAsync(await a.KeyClient().DeleteAsync($"/api/api-keys/{Guid.NewGuid()}"), 404);
        (await a.KeyClient().DeleteAsync("/api/users/not-a-guid")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CrossTenantTestsOnSqlite(SqliteFactory app) : CrossTenantTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CrossTenantTestsOnPostgres(PostgresFactory app) : CrossTenantTests(app);
