using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Admin;

/// <summary>The platform's plans: the built-in ones, new ones and changed limits.</summary>
public abstract class PlanTests(ConversaFactory app)
{
    private static string NewPlanName() => "plan-" + Guid.NewGuid().ToString("N")[..10];

    private static JsonNode? Find(JsonNode list, string name) =>
        list["items"]!.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == name);

    [Fact]
    public async Task The_built_in_plans_are_listed_with_their_limits()
    {
        var list = await (await app.AdminClientAsync()).GetJsonAsync("/api/admin/plans?limit=200");
        list["items"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain(["free", "pro", "enterprise"]);
        list["total"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(3);
        list.AsObject().ContainsKey("next_cursor").Should().BeTrue();

        var free = Find(list, "free")!;
        free["limits"]!["messages"]!.GetValue<long>().Should().BePositive();
        free["limits"]!["ai_tokens"]!.GetValue<long>().Should().BePositive();
        free["limits"]!["bookings"]!.GetValue<long>().Should().BePositive();
        free["limits"]!["documents"]!.GetValue<long>().Should().BePositive();
        free["rate_limit_per_minute"]!.GetValue<int>().Should().BePositive();
        Find(list, "pro")!["limits"]!["messages"]!.GetValue<long>().Should().BeGreaterThan(free["limits"]!["messages"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_plan_list_pages_like_every_list()
    {
        var admin = await app.AdminClientAsync();
        var first = await admin.GetJsonAsync("/api/admin/plans?limit=2");
        var total = first["total"]!.GetValue<int>();
        total.Should().BeGreaterThanOrEqualTo(3);
        first["items"]!.AsArray().Should().HaveCount(2);
        var cursor = first["next_cursor"]!.GetValue<string>();

        var names = first["items"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        while (cursor is not null)
        {
            var page = await admin.GetJsonAsync($"/api/admin/plans?limit=2&cursor={Uri.EscapeDataString(cursor)}");
            names.AddRange(page["items"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
            cursor = page["next_cursor"]?.GetValue<string>();
        }
        names.Should().HaveCount(total).And.OnlyHaveUniqueItems().And.Contain(["free", "pro", "enterprise"]);

        await Http.ProblemAsync(await admin.GetAsync("/api/admin/plans?limit=0"), 400);
        await Http.ProblemAsync(await admin.GetAsync("/api/admin/plans?limit=500"), 400);
    }

    [Fact]
    public async Task A_new_plan_is_created_listed_and_assignable()
    {
        var admin = await app.AdminClientAsync();
        var name = NewPlanName();
        var response = await admin.PostAsync("/api/admin/plans", Http.Json(new
        {
            name,
            limits = new { messages = 100, ai_tokens = 2000, bookings = 5, documents = 1 },
            rate_limit_per_minute = 30,
        }));
        var created = await Http.ReadAsync(response, 201);
        response.Headers.Location!.ToString().Should().EndWith("/api/admin/plans/" + name);
        created["name"]!.GetValue<string>().Should().Be(name);
        created["limits"]!["messages"]!.GetValue<long>().Should().Be(100);
        created["limits"]!["ai_tokens"]!.GetValue<long>().Should().Be(2000);
        created["rate_limit_per_minute"]!.GetValue<int>().Should().Be(30);

        var listed = Find(await admin.GetJsonAsync("/api/admin/plans?limit=200"), name)!;
        JsonNode.DeepEquals(listed, created).Should().BeTrue();

        var tenant = await app.CreateTenantAsync(extra: new { plan = name });
        (await tenant.KeyClient().GetJsonAsync("/api/tenant"))["plan"]!.GetValue<string>().Should().Be(name);
        var other = await app.CreateTenantAsync();
        (await admin.PatchJsonAsync($"/api/admin/tenants/{other.Slug}", new { plan = name }, 200))["plan"]!.GetValue<string>().Should().Be(name);
    }

    [Fact]
    public async Task A_plan_without_limits_is_unlimited_with_the_default_rate()
    {
        var admin = await app.AdminClientAsync();
        var created = await admin.PostJsonAsync("/api/admin/plans", new { name = NewPlanName() }, 201);
        created["limits"]!["messages"].Should().BeNull();
        created["rate_limit_per_minute"]!.GetValue<int>().Should().BePositive();
    }

    [Fact]
    public async Task A_duplicate_plan_is_409()
    {
        var admin = await app.AdminClientAsync();
        var name = NewPlanName();
        await admin.PostJsonAsync("/api/admin/plans", new { name, limits = new { messages = 1 } }, 201);
        await Http.ProblemAsync(await admin.PostAsync("/api/admin/plans", Http.Json(new { name, limits = new { messages = 2 } })), 409);
        await Http.ProblemAsync(await admin.PostAsync("/api/admin/plans", Http.Json(new { name = "free" })), 409);
        Find(await admin.GetJsonAsync("/api/admin/plans?limit=200"), name)!["limits"]!["messages"]!.GetValue<long>().Should().Be(1);
    }

    [Theory]
    [InlineData("""{"name": "Not A Name"}""", "name")]
    [InlineData("""{"name": "UPPER"}""", "name")]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{}""", "name")]
    [InlineData("""{"name": "ok-name-x", "limits": {"messages": -5}}""", "limits")]
    [InlineData("""{"name": "ok-name-y", "rate_limit_per_minute": 0}""", "rate_limit_per_minute")]
    public async Task An_invalid_plan_is_400_naming_the_field(string body, string field)
    {
        var admin = await app.AdminClientAsync();
        var problem = await Http.ProblemAsync(await admin.PostAsync("/api/admin/plans", Http.Raw(body)), 400);
        problem["errors"]![field].Should().NotBeNull("the errors were {0}", problem["errors"]?.ToJsonString());
    }

    [Fact]
    public async Task Put_changes_a_plans_limits()
    {
        var admin = await app.AdminClientAsync();
        var name = NewPlanName();
        await admin.PostJsonAsync("/api/admin/plans", new { name, limits = new { messages = 10, documents = 2 }, rate_limit_per_minute = 20 }, 201);

        var updated = await Http.ReadAsync(await admin.PutAsync($"/api/admin/plans/{name}",
            Http.Json(new { limits = new { messages = 500, ai_tokens = 9000, bookings = 7, documents = 3 } })), 200);
        updated["limits"]!["messages"]!.GetValue<long>().Should().Be(500);
        updated["limits"]!["ai_tokens"]!.GetValue<long>().Should().Be(9000);
        updated["rate_limit_per_minute"]!.GetValue<int>().Should().Be(20, "a value not sent is kept");

        var listed = Find(await admin.GetJsonAsync("/api/admin/plans?limit=200"), name)!;
        listed["limits"]!["messages"]!.GetValue<long>().Should().Be(500);
        listed["limits"]!["documents"]!.GetValue<long>().Should().Be(3);

        var rate = await Http.ReadAsync(await admin.PutAsync($"/api/admin/plans/{name}", Http.Json(new { name, rate_limit_per_minute = 90 })), 200);
        rate["rate_limit_per_minute"]!.GetValue<int>().Should().Be(90);
        rate["limits"]!["messages"]!.GetValue<long>().Should().Be(500);
    }

    [Fact]
    public async Task Put_with_a_bad_or_different_name_is_400()
    {
        var admin = await app.AdminClientAsync();
        var name = NewPlanName();
        await admin.PostJsonAsync("/api/admin/plans", new { name }, 201);
        (await Http.ProblemAsync(await admin.PutAsync($"/api/admin/plans/{name}", Http.Json(new { name = "other-name" })), 400))["errors"]!["name"]
            .Should().NotBeNull();
        await Http.ProblemAsync(await admin.PutAsync("/api/admin/plans/Bad%20Name", Http.Json(new { rate_limit_per_minute = 5 })), 400);
        await Http.ProblemAsync(await admin.PutAsync($"/api/admin/plans/{name}", Http.Json(new { limits = new { bookings = -1 } })), 400);
    }

    [Fact]
    public async Task Plans_are_for_the_superadmin_only()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        await Http.ProblemAsync(await app.CreateClient().GetAsync("/api/admin/plans"), 401);
        await Http.ProblemAsync(await owner.GetAsync("/api/admin/plans"), 403);
        await Http.ProblemAsync(await tenant.KeyClient().PostAsync("/api/admin/plans", Http.Json(new { name = NewPlanName() })), 403);
        await Http.ProblemAsync(await owner.PutAsync("/api/admin/plans/free", Http.Json(new { limits = new { messages = 999_999_999 } })), 403);

        var free = Find(await (await app.AdminClientAsync()).GetJsonAsync("/api/admin/plans?limit=200"), "free")!;
        free["limits"]!["messages"]!.GetValue<long>().Should().NotBe(999_999_999);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PlanTestsOnSqlite(SqliteFactory app) : PlanTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PlanTestsOnPostgres(PostgresFactory app) : PlanTests(app);
