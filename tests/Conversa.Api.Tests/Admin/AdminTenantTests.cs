using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Admin;

/// <summary>Creating, listing and reading tenants through <c>/api/admin/tenants</c>.</summary>
public abstract class AdminTenantTests(ConversaFactory app)
{
    private static string NewSlug(string prefix = "t") => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    private static JsonObject NewTenant(string slug, object? extra = null) => Http.Merge(new
    {
        slug,
        name = "Tenant " + slug,
        owner = new { email = $"owner-{slug}@example.com", password = "owner-password-1", name = "Owner" },
    }, extra);

    [Fact]
    public async Task Creating_a_tenant_answers_the_tenant_its_owner_and_a_working_secret_key()
    {
        var admin = await app.AdminClientAsync();
        var slug = NewSlug();
        var response = await admin.PostAsync("/api/admin/tenants", Http.Json(NewTenant(slug, new
        {
            sector = "Estetica",
            timezone = "America/Bogota",
            language = "en",
            currency = "COP",
            settings = new { assistant = new { name = "Ana" }, ai = new { api_key = "sk-created-secret" } },
        })));
        var created = await Http.ReadAsync(response, 201);
        response.Headers.Location!.ToString().Should().EndWith("/api/admin/tenants/" + slug);

        var tenant = created["tenant"]!;
        Guid.TryParse(tenant["id"]!.GetValue<string>(), out _).Should().BeTrue();
        tenant["slug"]!.GetValue<string>().Should().Be(slug);
        tenant["name"]!.GetValue<string>().Should().Be("Tenant " + slug);
        tenant["sector"]!.GetValue<string>().Should().Be("estetica");
        tenant["plan"]!.GetValue<string>().Should().Be("free");
        tenant["status"]!.GetValue<string>().Should().Be("active");
        tenant["timezone"]!.GetValue<string>().Should().Be("America/Bogota");
        tenant["language"]!.GetValue<string>().Should().Be("en");
        tenant["currency"]!.GetValue<string>().Should().Be("COP");
        tenant["isolation"]!.GetValue<string>().Should().Be("shared");
        tenant["settings"]!["assistant"]!["name"]!.GetValue<string>().Should().Be("Ana");
        tenant["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeTrue();
        created.ToJsonString().Should().NotContain("sk-created-secret");

        created["owner"]!["email"]!.GetValue<string>().Should().Be($"owner-{slug}@example.com");
        created["owner"]!["role"]!.GetValue<string>().Should().Be("owner");
        created["owner"]!["password_hash"].Should().BeNull();
        Guid.TryParse(created["api_key"]!["id"]!.GetValue<string>(), out _).Should().BeTrue();
        var key = created["api_key"]!["key"]!.GetValue<string>();
        key.Should().StartWith("sk_");

        var seen = await app.ClientWithKey(key).GetJsonAsync("/api/tenant");
        seen["slug"]!.GetValue<string>().Should().Be(slug);
        seen["id"]!.GetValue<string>().Should().Be(tenant["id"]!.GetValue<string>());

        var token = await Http.LoginAsync(app.CreateClient(), $"owner-{slug}@example.com", "owner-password-1");
        (await app.ClientWithToken(token).GetJsonAsync("/api/tenant"))["slug"]!.GetValue<string>().Should().Be(slug);
    }

    [Fact]
    public async Task A_tenant_without_optional_fields_gets_the_defaults()
    {
        var admin = await app.AdminClientAsync();
        var slug = NewSlug();
        var created = await admin.PostJsonAsync("/api/admin/tenants", new { slug, name = "Bare" }, 201);

        var tenant = created["tenant"]!;
        tenant["plan"]!.GetValue<string>().Should().Be("free");
        tenant["timezone"]!.GetValue<string>().Should().Be("UTC");
        tenant["language"]!.GetValue<string>().Should().Be("es");
        tenant["currency"]!.GetValue<string>().Should().Be("USD");
        tenant["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeFalse();
        created["owner"].Should().BeNull();
        created["api_key"]!["key"]!.GetValue<string>().Should().StartWith("sk_");
    }

    [Fact]
    public async Task A_duplicate_slug_is_409()
    {
        var existing = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants", Http.Json(new { slug = existing.Slug, name = "Again" })), 409);
    }

    [Theory]
    [InlineData("slug", "Not A Slug!")]
    [InlineData("slug", "-dash-first")]
    [InlineData("timezone", "Mars/Olympus_Mons")]
    [InlineData("language", "xx")]
    [InlineData("currency", "DOLLARS")]
    public async Task An_invalid_field_is_400_naming_it(string field, string value)
    {
        var admin = await app.AdminClientAsync();
        var body = Http.Merge(new { slug = NewSlug(), name = "Invalid" }, null);
        body[field] = value;

        var problem = await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants", Http.Json(body)), 400);
        problem["errors"]![field].Should().NotBeNull("the errors were {0}", problem["errors"]?.ToJsonString());
        problem["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        if (field != "slug")
        {
            await Http.ProblemAsync(await admin.GetAsync("/api/admin/tenants/" + body["slug"]!.GetValue<string>()), 404);
        }
    }

    [Theory]
    [InlineData("""{"widget": {"primary_color": "blue"}}""", "settings.widget.primary_color")]
    [InlineData("""{"assistant": "Ana"}""", "settings.assistant")]
    [InlineData("""{"assistant": {"agents_enabled": ["router", "wizard"]}}""", "settings.assistant.agents_enabled")]
    [InlineData("""{"ai": {"provider": "skynet"}}""", "settings.ai.provider")]
    [InlineData("""{"booking": {"slot_step_minutes": 1}}""", "settings.booking.slot_step_minutes")]
    public async Task Invalid_settings_are_400_naming_the_setting_and_create_nothing(string settings, string field)
    {
        var admin = await app.AdminClientAsync();
        var slug = NewSlug();
        var body = NewTenant(slug);
        body["settings"] = JsonNode.Parse(settings);

        var problem = await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants", Http.Json(body)), 400);
        problem["errors"]![field].Should().NotBeNull("the errors were {0}", problem["errors"]?.ToJsonString());
        await Http.ProblemAsync(await admin.GetAsync("/api/admin/tenants/" + slug), 404);
        await Http.ProblemAsync(await app.CreateClient().PostAsJsonAsync("/api/auth/login",
            new { email = $"owner-{slug}@example.com", password = "owner-password-1" }), 401);
    }

    [Fact]
    public async Task Missing_slug_and_name_and_a_bad_owner_are_400()
    {
        var admin = await app.AdminClientAsync();
        var problem = await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants", Http.Json(new
        {
            owner = new { email = "not-an-email", password = "short" },
        })), 400);
        problem["errors"]!["slug"].Should().NotBeNull();
        problem["errors"]!["name"].Should().NotBeNull();
        problem["errors"]!["owner.email"].Should().NotBeNull();
        problem["errors"]!["owner.password"].Should().NotBeNull();

        await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants", Http.Raw("{\"slug\": ")), 400);
    }

    [Fact]
    public async Task An_unknown_plan_is_422_and_creates_nothing()
    {
        var admin = await app.AdminClientAsync();
        var slug = NewSlug();
        await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants", Http.Json(NewTenant(slug, new { plan = "no-such-plan" }))), 422);
        await Http.ProblemAsync(await admin.GetAsync("/api/admin/tenants/" + slug), 404);
    }

    [Fact]
    public async Task Dedicated_isolation_is_422_for_now_and_an_unknown_isolation_is_400()
    {
        var admin = await app.AdminClientAsync();
        var slug = NewSlug();
        var problem = await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants", Http.Json(NewTenant(slug, new { isolation = "dedicated" }))), 422);
        problem["detail"]!.GetValue<string>().Should().Contain("shared");
        await Http.ProblemAsync(await admin.GetAsync("/api/admin/tenants/" + slug), 404);

        var invalid = await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants", Http.Json(NewTenant(NewSlug(), new { isolation = "private" }))), 400);
        invalid["errors"]!["isolation"].Should().NotBeNull();

        var shared = await admin.PostJsonAsync("/api/admin/tenants", NewTenant(NewSlug(), new { isolation = "shared" }), 201);
        shared["tenant"]!["isolation"]!.GetValue<string>().Should().Be("shared");
    }

    [Fact]
    public async Task An_owner_email_already_in_use_is_409_and_creates_nothing()
    {
        var existing = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        var slug = NewSlug();
        var body = new { slug, name = "Second", owner = new { email = existing.OwnerEmail.ToUpperInvariant(), password = "another-password", name = "Dup" } };

        await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants", Http.Json(body)), 409);
        await Http.ProblemAsync(await admin.GetAsync("/api/admin/tenants/" + slug), 404);

        // The platform admin's email is taken too.
        var adminEmail = new { slug, name = "Second", owner = new { email = ConversaFactory.AdminEmail, password = "another-password" } };
        await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants", Http.Json(adminEmail)), 409);

        // The original owner still signs in to the original tenant.
        await Http.LoginAsync(app.CreateClient(), existing.OwnerEmail, existing.OwnerPassword);
    }

    [Fact]
    public async Task Creating_a_tenant_needs_a_superadmin()
    {
        var tenant = await app.CreateTenantAsync();
        var body = Http.Json(NewTenant(NewSlug()));

        await Http.ProblemAsync(await app.CreateClient().PostAsync("/api/admin/tenants", body), 401);
        await Http.ProblemAsync(await app.ClientWithToken("not-a-token").PostAsync("/api/admin/tenants", Http.Json(NewTenant(NewSlug()))), 401);
        await Http.ProblemAsync(await (await tenant.OwnerClientAsync()).PostAsync("/api/admin/tenants", Http.Json(NewTenant(NewSlug()))), 403);
        await Http.ProblemAsync(await tenant.KeyClient().PostAsync("/api/admin/tenants", Http.Json(NewTenant(NewSlug()))), 403);

        await Http.ProblemAsync(await app.CreateClient().GetAsync("/api/admin/tenants"), 401);
        await Http.ProblemAsync(await tenant.KeyClient().GetAsync("/api/admin/tenants"), 403);
        await Http.ProblemAsync(await (await tenant.OwnerClientAsync()).GetAsync("/api/admin/tenants/" + tenant.Slug), 403);
    }

    [Fact]
    public async Task The_list_pages_with_limit_and_cursor()
    {
        var marker = "pg" + Guid.NewGuid().ToString("N")[..8];
        var slugs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            slugs.Add((await app.CreateTenantAsync($"{marker}-{i}")).Slug);
        }
        var admin = await app.AdminClientAsync();

        var everything = await admin.GetJsonAsync("/api/admin/tenants");
        everything["total"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(3);
        everything["items"]!.AsArray().Should().NotBeEmpty();
        everything.AsObject().ContainsKey("next_cursor").Should().BeTrue();

        var first = await admin.GetJsonAsync($"/api/admin/tenants?q={marker}&limit=2");
        first["total"]!.GetValue<int>().Should().Be(3);
        var firstSlugs = first["items"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()).ToList();
        firstSlugs.Should().HaveCount(2);
        var cursor = first["next_cursor"]!.GetValue<string>();
        cursor.Should().NotBeNullOrEmpty();

        var second = await admin.GetJsonAsync($"/api/admin/tenants?q={marker}&limit=2&cursor={Uri.EscapeDataString(cursor)}");
        second["total"]!.GetValue<int>().Should().Be(3);
        var secondSlugs = second["items"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()).ToList();
        secondSlugs.Should().HaveCount(1);
        second["next_cursor"].Should().BeNull();

        firstSlugs.Concat(secondSlugs).Should().BeEquivalentTo(slugs);
        first["items"]![0]!["settings"]!["assistant"].Should().NotBeNull();
    }

    [Fact]
    public async Task The_list_shows_the_same_tenant_as_get_including_which_secrets_are_set()
    {
        var marker = "sc" + Guid.NewGuid().ToString("N")[..8];
        var withKey = await app.CreateTenantAsync($"{marker}-k", new { settings = new { ai = new { api_key = "sk-listed-secret" } } });
        var withoutKey = await app.CreateTenantAsync($"{marker}-n");
        var admin = await app.AdminClientAsync();

        var list = await admin.GetJsonAsync($"/api/admin/tenants?q={marker}");
        list.ToJsonString().Should().NotContain("sk-listed-secret");
        foreach (var tenant in new[] { withKey, withoutKey })
        {
            var listed = list["items"]!.AsArray().Single(t => t!["slug"]!.GetValue<string>() == tenant.Slug)!;
            var single = await admin.GetJsonAsync($"/api/admin/tenants/{tenant.Slug}");
            JsonNode.DeepEquals(listed, single).Should().BeTrue("the list showed {0} and GET {1}", listed.ToJsonString(), single.ToJsonString());
        }
        list["items"]!.AsArray().Single(t => t!["slug"]!.GetValue<string>() == withKey.Slug)!["settings"]!["ai"]!["api_key_set"]!
            .GetValue<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=500")]
    [InlineData("limit=-1")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("status=deleted")]
    public async Task Bad_list_parameters_are_400(string query)
    {
        var admin = await app.AdminClientAsync();
        var problem = await Http.ProblemAsync(await admin.GetAsync("/api/admin/tenants?" + query), 400);
        problem["errors"]![query.Split('=')[0]].Should().NotBeNull();
    }

    [Fact]
    public async Task The_list_filters_by_status()
    {
        var marker = "st" + Guid.NewGuid().ToString("N")[..8];
        var active = await app.CreateTenantAsync($"{marker}-a");
        var suspended = await app.CreateTenantAsync($"{marker}-s");
        var admin = await app.AdminClientAsync();
        await admin.PatchJsonAsync($"/api/admin/tenants/{suspended.Slug}", new { status = "suspended" }, 200);

        var list = await admin.GetJsonAsync($"/api/admin/tenants?q={marker}&status=suspended");
        list["items"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()).Should().Equal(suspended.Slug);
        list = await admin.GetJsonAsync($"/api/admin/tenants?q={marker}&status=active");
        list["items"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()).Should().Equal(active.Slug);
    }

    [Fact]
    public async Task A_tenant_is_found_by_id_and_by_slug_and_an_unknown_one_is_404()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();

        var bySlug = await admin.GetJsonAsync("/api/admin/tenants/" + tenant.Slug);
        var byId = await admin.GetJsonAsync("/api/admin/tenants/" + tenant.Id);
        bySlug["id"]!.GetValue<string>().Should().Be(tenant.Id.ToString());
        byId["slug"]!.GetValue<string>().Should().Be(tenant.Slug);
        JsonNode.DeepEquals(bySlug, byId).Should().BeTrue();
        bySlug["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeFalse();

        await Http.ProblemAsync(await admin.GetAsync("/api/admin/tenants/" + NewSlug("nobody")), 404);
        await Http.ProblemAsync(await admin.GetAsync("/api/admin/tenants/" + Guid.NewGuid()), 404);
    }

    [Fact]
    public async Task Two_concurrent_creations_of_one_slug_make_one_tenant()
    {
        var admin = await app.AdminClientAsync();
        var slug = NewSlug();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            admin.PostAsJsonAsync("/api/admin/tenants", new { slug, name = "Race " + i })));
        responses.Select(r => (int)r.StatusCode).Should().Contain(201).And.OnlyContain(s => s == 201 || s == 409);
        responses.Count(r => (int)r.StatusCode == 201).Should().Be(1);
        (await admin.GetJsonAsync($"/api/admin/tenants?q={slug}"))["total"]!.GetValue<int>().Should().Be(1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdminTenantTestsOnSqlite(SqliteFactory app) : AdminTenantTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AdminTenantTestsOnPostgres(PostgresFactory app) : AdminTenantTests(app);
