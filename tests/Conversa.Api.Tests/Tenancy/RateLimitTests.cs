using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Tenancy;

public abstract class RateLimitTests(ConversaFactory app)
{
    [Fact]
    public async Task A_key_with_its_own_limit_gets_429_with_retry_after_and_other_keys_go_on()
    {
        var tenant = await app.CreateTenantAsync();
        var limited = await tenant.KeyClient().PostJsonAsync("/api/api-keys", new { name = "slow", rate_limit_per_minute = 3 }, 201);
        var client = app.ClientWithKey(limited["key"]!.GetValue<string>());
        for (var i = 0; i < 3; i++)
        {
            await client.GetJsonAsync("/api/tenant");
        }
        var rejected = await client.GetAsync("/api/tenant");
        await Http.ProblemAsync(rejected, 429);
        rejected.Headers.RetryAfter.Should().NotBeNull();

        await tenant.KeyClient().GetJsonAsync("/api/tenant");

        // 3 a minute is one more every 20 s, not one a second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await Http.ProblemAsync(await client.GetAsync("/api/tenant"), 429);
    }

    [Fact]
    public async Task A_tenant_counts_against_its_plans_limit()
    {
        var admin = await app.AdminClientAsync();
        var plan = "tiny-" + Guid.NewGuid().ToString("N")[..8];
        await admin.PostJsonAsync("/api/admin/plans", new { name = plan, rate_limit_per_minute = 2, limits = new { messages = 10 } }, 201);
        var tenant = await app.CreateTenantAsync(extra: new { plan });

        var client = tenant.KeyClient();
        await client.GetJsonAsync("/api/tenant");
        await client.GetJsonAsync("/api/tenant");
        await Http.ProblemAsync(await client.GetAsync("/api/tenant"), 429);

        // Global endpoints are not counted.
        (await client.GetAsync("/health")).IsSuccessStatusCode.Should().BeTrue();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RateLimitTestsOnSqlite(SqliteFactory app) : RateLimitTests(app);

[Collection(PostgresCollection.Name)]
public sealed class RateLimitTestsOnPostgres(PostgresFactory app) : RateLimitTests(app);
