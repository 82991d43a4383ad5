using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Usage;

/// <summary><c>GET /api/usage</c>: the plan's limits with the tenant's own in their place, this month's use, each tenant its own.</summary>
public abstract class UsageTests(ConversaFactory app)
{
    [Fact]
    public async Task Usage_shows_the_plan_s_limits_the_tenant_s_own_and_this_month_s_messages_of_that_tenant_only()
    {
        var admin = await app.AdminClientAsync();
        var plan = "usage-" + Guid.NewGuid().ToString("N")[..10];
        await admin.PostJsonAsync("/api/admin/plans", new { name = plan, limits = new { messages = 50, ai_tokens = 1000, bookings = 3 } }, 201);
        var busy = await app.CreateTenantAsync(extra: new { plan });
        var quiet = await app.CreateTenantAsync(extra: new { plan });
        await admin.PatchJsonAsync($"/api/admin/tenants/{busy.Slug}", new { limits = new { bookings = 9 } }, 200);
        foreach (var message in new[] { "hola", "gracias" })
        {
            await busy.KeyClient().PostJsonAsync("/api/chat", new { message, contact_id = "ana" }, 200);
        }

        var usage = await (await busy.OwnerClientAsync()).GetJsonAsync("/api/usage");
        usage.Str("plan").Should().Be(plan);
        usage.Str("period").Should().Be(DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        usage["limits"]!["messages"]!.GetValue<long>().Should().Be(50);
        usage["limits"]!["ai_tokens"]!.GetValue<long>().Should().Be(1000);
        usage["limits"]!["bookings"]!.GetValue<long>().Should().Be(9, "the tenant's own limit replaces the plan's");
        usage["limits"]!["documents"].Should().BeNull("the plan sets no document limit");
        usage["used"]!["messages"]!.GetValue<long>().Should().Be(2);
        usage["used"]!["bookings"]!.GetValue<long>().Should().Be(0);

        var other = await quiet.KeyClient().GetJsonAsync("/api/usage");
        other["limits"]!["bookings"]!.GetValue<long>().Should().Be(3);
        other["used"]!["messages"]!.GetValue<long>().Should().Be(0, "a tenant sees only its own usage");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UsageTestsOnSqlite(SqliteFactory app) : UsageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UsageTestsOnPostgres(PostgresFactory app) : UsageTests(app);
