using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conversa.Api.Tests.Usage;

/// <summary>
/// Usage is counted across nodes in <c>usage_counters</c>: two hosts on one database answer within one monthly limit, a
/// restarted host keeps the count, the staff hear of the limit once whichever host meets it, and a tenant's counts are
/// its own.
/// </summary>
public abstract class UsageCountingTests(ConversaFactory app)
{
    private const string FlushSeconds = "0.1";

    [Fact]
    public async Task Two_hosts_on_one_database_count_messages_together_against_one_limit_and_another_tenant_is_untouched()
    {
        var tenant = await LimitedTenantAsync(messages: 3);
        var neighbour = await app.CreateTenantAsync();
        await using var first = Node();
        await using var second = Node();

        await AskAsync(first, tenant, "hola", 200);
        await AskAsync(second, tenant, "buenas tardes", 200);
        await AskAsync(second, neighbour, "hola", 200);
        await SettleAsync(first, second);
        await AskAsync(first, tenant, "¿abren mañana?", 200);
        await SettleAsync(first, second);

        var refused = await AskAsync(second, tenant, "¿y el sábado?", 429);
        refused.Str("detail").Should().Contain("messages limit").And.Contain("(3)");
        await AskAsync(first, tenant, "¿y el domingo?", 429);
        await SettleAsync(first, second);

        foreach (var node in new[] { first, second })
        {
            var usage = await Client(node, tenant).GetJsonAsync("/api/usage");
            usage["used"]!["messages"]!.GetValue<long>().Should().Be(3, "the refused messages are not counted, the answered ones on both hosts are");
            (await Client(node, neighbour).GetJsonAsync("/api/usage"))["used"]!["messages"]!.GetValue<long>().Should().Be(1);
        }
        (await first.Services.UsageAsync(neighbour.Id)).Messages.Should().Be(1, "another tenant's counter is neither read nor changed");
    }

    [Fact]
    public async Task A_restarted_host_keeps_the_count_and_the_staff_are_told_once_across_hosts_and_restarts()
    {
        var tenant = await LimitedTenantAsync(messages: 2);
        await using (var before = Node())
        {
            await AskAsync(before, tenant, "hola", 200);
            await AskAsync(before, tenant, "gracias", 200);
        }

        List<string> notified, again;
        await using (var restarted = Node())
        await using (var other = Node())
        {
            notified = await RefusedTurnAsync(restarted, tenant, "¿siguen ahí?");
            again = await RefusedTurnAsync(other, tenant, "¿hola?");
        }
        await using var third = Node();
        var later = await RefusedTurnAsync(third, tenant, "¿alguien?");

        notified.Should().Contain(["quota_exceeded", "staff_notified"], "the restarted host still counts the two messages answered before it");
        again.Should().Contain("quota_exceeded").And.NotContain("staff_notified", "another host does not tell the staff again");
        later.Should().Contain("quota_exceeded").And.NotContain("staff_notified", "nor does a host started later");
        (await Client(third, tenant).GetJsonAsync("/api/usage"))["used"]!["messages"]!.GetValue<long>().Should().Be(2);
    }

    private async Task<TestTenant> LimitedTenantAsync(long messages)
    {
        var tenant = await app.CreateTenantAsync(extra: new { language = "es", settings = new { emergency = new { notify_phone = "+573001234567" } } });
        await (await app.AdminClientAsync()).PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { limits = new { messages } }, 200);
        return tenant;
    }

    /// <summary>Another host on the app's database, writing its counts every 0.1 s (reading others' as often).</summary>
    private WebApplicationFactory<Program> Node() => app.WithWebHostBuilder(b => b.UseSetting("Conversa:Usage:FlushSeconds", FlushSeconds));

    private static HttpClient Client(WebApplicationFactory<Program> node, TestTenant tenant)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", tenant.Key);
        return client;
    }

    private static async Task<JsonNode> AskAsync(WebApplicationFactory<Program> node, TestTenant tenant, string message, int status) =>
        await Http.ReadAsync(await Client(node, tenant).PostAsync("/api/chat", Http.Json(new { message, contact_id = "ana" })), status);

    /// <summary>The actions stored with the reply to a refused message (the 429 carries none).</summary>
    private static async Task<List<string>> RefusedTurnAsync(WebApplicationFactory<Program> node, TestTenant tenant, string message)
    {
        await AskAsync(node, tenant, message, 429);
        var client = Client(node, tenant);
        var conversation = (await client.GetJsonAsync("/api/conversations"))["items"]!.AsArray().Single()!;
        var messages = (await client.GetJsonAsync($"/api/conversations/{conversation.Str("id")}"))["messages"]!.AsArray();
        return [.. (messages[^1]!["metadata"]!["actions"]?.AsArray() ?? []).Select(a => a!.Str("type"))];
    }

    /// <summary>Both hosts write what they counted, then their stored totals grow stale, so the next check reads the sum.</summary>
    private static async Task SettleAsync(params WebApplicationFactory<Program>[] nodes)
    {
        foreach (var node in nodes)
        {
            await node.Services.FlushUsageAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(0.25));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UsageCountingTestsOnSqlite(SqliteFactory app) : UsageCountingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UsageCountingTestsOnPostgres(PostgresFactory app) : UsageCountingTests(app);
