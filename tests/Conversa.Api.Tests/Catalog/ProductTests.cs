using System.Net;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Catalog;

public abstract class ProductTests(ConversaFactory app)
{
    [Fact]
    public async Task A_product_is_created_read_listed_and_defaults_to_the_tenants_currency()
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "COP" });
        var client = tenant.KeyClient();
        var response = await client.PostAsync("/api/products", Http.Json(new
        {
            name = "Toyota Corolla 2021",
            description = "Única dueña",
            price = 18500.50m,
            sku = "TC-2021",
            category = "Sedanes",
            stock = 1,
            attributes = new { year = 2021, km = 35000 },
            image_url = "https://cdn.example.com/corolla.jpg",
            url = "https://dealer.example.com/corolla",
        }));
        var created = await Http.ReadAsync(response, 201);
        var id = created["id"]!.GetValue<string>();
        response.Headers.Location!.ToString().Should().Be($"/api/products/{id}");
        created["currency"]!.GetValue<string>().Should().Be("COP");
        created["price"]!.GetValue<decimal>().Should().Be(18500.5m);
        created["active"]!.GetValue<bool>().Should().BeTrue();
        created["attributes"]!["km"]!.GetValue<int>().Should().Be(35000);
        created["image_url"]!.GetValue<string>().Should().Be("https://cdn.example.com/corolla.jpg");

        var read = await client.GetJsonAsync($"/api/products/{id}");
        read["created_at"]!.GetValue<DateTime>().Should().BeCloseTo(created["created_at"]!.GetValue<DateTime>(), TimeSpan.FromMilliseconds(1));
        // PostgreSQL keeps microseconds, .NET ticks: compare everything but the timestamps exactly.
        foreach (var body in new[] { read.AsObject(), created.AsObject() })
        {
            body.Remove("created_at");
            body.Remove("updated_at");
        }
        JsonNode.DeepEquals(read, created).Should().BeTrue(read.ToJsonString());
        var list = await client.GetJsonAsync("/api/products");
        list["total"]!.GetValue<int>().Should().Be(1);
        list["next_cursor"].Should().BeNull();
        list["items"]![0]!["sku"]!.GetValue<string>().Should().Be("TC-2021");
    }

    [Fact]
    public async Task Prices_are_exact_and_filter_on_both_databases()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        foreach (var (name, price) in new[] { ("a", 0.1m), ("b", 0.2m), ("c", 9.9999m), ("d", 10m), ("e", 100.05m), ("f", 999999999999.9999m) })
        {
            await client.CreateProductAsync(new { name, price });
        }
        (await client.GetJsonAsync("/api/products?min_price=0.2&max_price=10"))["items"]!.AsArray()
            .Select(p => p!["name"]!.GetValue<string>()).Should().Equal("b", "c", "d");
        (await client.ProductNamesAsync("&min_price=100.05")).Should().Equal("e", "f");
        (await client.ProductNamesAsync("&max_price=0.15")).Should().Equal("a");
        var items = (await client.GetJsonAsync("/api/products?min_price=999999999999"))["items"]!.AsArray();
        items.Single()!["price"]!.ToJsonString().Should().Be("999999999999.9999");
        (await client.GetJsonAsync("/api/products?max_price=0.1"))["items"]![0]!["price"]!.ToJsonString().Should().Be("0.1");
        (await client.GetJsonAsync("/api/products/count?min_price=10"))["count"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Search_tolerates_accents_case_and_typos()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        await client.CreateProductAsync(new { name = "Limpieza facial", price = 80000, category = "Faciales", sku = "LF-01" });
        await client.CreateProductAsync(new { name = "Botox", price = 250000, category = "Inyectables", description = "Tercio superior" });
        await client.CreateProductAsync(new { name = "Peeling químico", price = 120000, category = "Faciales" });

        foreach (var q in new[] { "limpesa facial", "LIMPIEZA FACIÁL", "limpieza", "lf-01", "LIMPIESA" })
        {
            (await client.ProductNamesAsync("&q=" + Uri.EscapeDataString(q))).Should().Equal(["Limpieza facial"], q);
        }
        (await client.ProductNamesAsync("&q=quimico")).Should().Equal("Peeling químico");
        (await client.ProductNamesAsync("&q=tercio")).Should().Equal("Botox");
        (await client.ProductNamesAsync("&q=faciales")).Should().Equal("Limpieza facial", "Peeling químico");
        (await client.ProductNamesAsync("&q=rellenos")).Should().BeEmpty();
        (await client.ProductNamesAsync("&q=facial&category=inyectables")).Should().BeEmpty();
        (await client.GetJsonAsync("/api/products/count?q=faciales"))["count"]!.GetValue<int>().Should().Be(2);

        var paged = await client.GetJsonAsync("/api/products?q=faciales&limit=1");
        paged["total"]!.GetValue<int>().Should().Be(2);
        paged["items"]!.AsArray().Should().ContainSingle();
        var next = await client.GetJsonAsync("/api/products?q=faciales&limit=1&cursor=" + Uri.EscapeDataString(paged["next_cursor"]!.GetValue<string>()));
        next["items"]!.AsArray().Should().ContainSingle();
        next["next_cursor"].Should().BeNull();
    }

    [Fact]
    public async Task Categories_and_count_cover_active_products()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        await client.CreateProductAsync(new { name = "a", price = 1, category = "Faciales" });
        await client.CreateProductAsync(new { name = "b", price = 1, category = "Faciales" });
        await client.CreateProductAsync(new { name = "c", price = 1, category = "Corporales" });
        await client.CreateProductAsync(new { name = "d", price = 1 });
        var gone = await client.CreateProductAsync(new { name = "e", price = 1, category = "Corporales" });
        (await client.DeleteAsync($"/api/products/{gone["id"]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var categories = (await client.GetJsonAsync("/api/products/categories"))["categories"]!.AsArray();
        categories.Select(c => (c!["name"]!.GetValue<string>(), c["count"]!.GetValue<int>()))
            .Should().Equal(("Corporales", 1), ("Faciales", 2));
        (await client.GetJsonAsync("/api/products/count"))["count"]!.GetValue<int>().Should().Be(4);
        (await client.GetJsonAsync("/api/products/count?active=all"))["count"]!.GetValue<int>().Should().Be(5);
        (await client.ProductNamesAsync("&category=faciales")).Should().Equal("a", "b");
    }

    [Fact]
    public async Task Delete_is_soft_and_the_product_still_answers_by_id()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        var product = await client.CreateProductAsync(new { name = "Botox", price = 10, sku = "B1" });
        await client.CreateProductAsync(new { name = "Rellenos", price = 20 });

        (await client.DeleteAsync($"/api/products/{product["id"]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/products/{product["id"]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetJsonAsync($"/api/products/{product["id"]}"))["active"]!.GetValue<bool>().Should().BeFalse();
        (await client.ProductNamesAsync()).Should().Equal("Rellenos");
        (await client.ProductNamesAsync("&active=false")).Should().Equal("Botox");
        (await client.ProductNamesAsync("&active=all")).Should().Equal("Botox", "Rellenos");
        // The sku stays taken by the inactive product.
        await Http.ProblemAsync(await client.PostAsync("/api/products", Http.Json(new { name = "x", price = 1, sku = "B1" })), 409);
    }

    [Fact]
    public async Task Patch_merges_and_put_replaces()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        var product = await client.CreateProductAsync(new
        {
            name = "Casa El Lago", price = 350000, currency = "USD", category = "Casas", description = "3 habitaciones",
            attributes = new { m2 = 120, barrio = "Norte" }, stock = 1,
        });
        var url = $"/api/products/{product["id"]}";

        var patched = await client.PatchJsonAsync(url, new { price = 340000.75m, attributes = new { m2 = 125 }, stock = (int?)null }, 200);
        patched["price"]!.GetValue<decimal>().Should().Be(340000.75m);
        patched["name"]!.GetValue<string>().Should().Be("Casa El Lago");
        patched["description"]!.GetValue<string>().Should().Be("3 habitaciones");
        patched["attributes"]!["m2"]!.GetValue<int>().Should().Be(125);
        patched["attributes"]!["barrio"]!.GetValue<string>().Should().Be("Norte");
        patched["stock"].Should().BeNull();

        var replaced = await Http.ReadAsync(await client.PutAsync(url, Http.Json(new { name = "Casa El Lago II", price = 1 })), 200);
        replaced["description"].Should().BeNull();
        replaced["category"].Should().BeNull();
        replaced["attributes"]!.AsObject().Should().BeEmpty();
        replaced["currency"]!.GetValue<string>().Should().Be("USD", "the tenant's currency is the default");
        (await client.GetJsonAsync(url))["name"]!.GetValue<string>().Should().Be("Casa El Lago II");
    }

    [Fact]
    public async Task A_duplicate_sku_is_409_on_create_put_and_patch()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        await client.CreateProductAsync(new { name = "a", price = 1, sku = "S-1" });
        var other = await client.CreateProductAsync(new { name = "b", price = 1, sku = "S-2" });
        await Http.ProblemAsync(await client.PostAsync("/api/products", Http.Json(new { name = "c", price = 1, sku = " S-1 " })), 409);
        await Http.ProblemAsync(await client.PatchAsync($"/api/products/{other["id"]}", Http.Json(new { sku = "S-1" })), 409);
        await Http.ProblemAsync(await client.PutAsync($"/api/products/{other["id"]}", Http.Json(new { name = "b", price = 1, sku = "S-1" })), 409);
        // Its own sku is no conflict, and another tenant may use the same sku.
        await client.PatchJsonAsync($"/api/products/{other["id"]}", new { sku = "S-2", price = 2 }, 200);
        await (await app.CreateTenantAsync()).KeyClient().CreateProductAsync(new { name = "a", price = 1, sku = "S-1" });
    }

    [Fact]
    public async Task Two_parallel_creates_with_one_sku_give_one_201_and_one_409()
    {
        var tenant = await app.CreateTenantAsync();
        for (var round = 0; round < 3; round++)
        {
            var sku = "RACE-" + round;
            var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
                tenant.KeyClient().PostAsync("/api/products", Http.Json(new { name = $"racer {i}", price = 1, sku }))));
            responses.Select(r => (int)r.StatusCode).Order().Should().Equal(201, 409);
            var conflict = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
            conflict.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
        (await tenant.KeyClient().GetJsonAsync("/api/products/count"))["count"]!.GetValue<int>().Should().Be(3);
    }

    public static TheoryData<string> BadProducts => new()
    {
        """{"price": 1}""",
        """{"name": "", "price": 1}""",
        """{"name": "x"}""",
        """{"name": "x", "price": -1}""",
        """{"name": "x", "price": 1.23456}""",
        """{"name": "x", "price": 1e20}""",
        """{"name": "x", "price": "12"}""",
        """{"name": "x", "price": 1, "currency": "XYZ"}""",
        """{"name": "x", "price": 1, "currency": 5}""",
        """{"name": "x", "price": 1, "stock": -1}""",
        """{"name": "x", "price": 1, "stock": 1.5}""",
        """{"name": "x", "price": 1, "active": "yes"}""",
        """{"name": "x", "price": 1, "attributes": [1, 2]}""",
        """{"name": "x", "price": 1, "attributes": "year=2021"}""",
        """{"name": "x", "price": 1, "url": "not a url"}""",
        """{"name": "x", "price": 1, "url": "javascript:alert(1)"}""",
        """{"name": "x", "price": 1, "image_url": "/img.png"}""",
        """[1, 2]""",
        """not json""",
        "",
    };

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task Bad_product_input_is_a_4xx_problem(string body)
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        var created = await client.CreateProductAsync(new { name = "ok", price = 1 });
        foreach (var response in new[]
        {
            await client.PostAsync("/api/products", Http.Raw(body)),
            await client.PutAsync($"/api/products/{created["id"]}", Http.Raw(body)),
        })
        {
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).Should().BeOneOf([400, 422], text);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
        (await client.GetJsonAsync("/api/products/count"))["count"]!.GetValue<int>().Should().Be(1);
        (await client.GetJsonAsync($"/api/products/{created["id"]}"))["name"]!.GetValue<string>().Should().Be("ok");
    }

    [Theory]
    [InlineData("""{"price": -5}""", "price")]
    [InlineData("""{"price": "cheap"}""", "price")]
    [InlineData("""{"name": null}""", "name")]
    [InlineData("""{"attributes": 7}""", "attributes")]
    public async Task Bad_patches_name_the_field(string patch, string field)
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        var created = await client.CreateProductAsync(new { name = "ok", price = 1 });
        var problem = await Http.ProblemAsync(await client.PatchAsync($"/api/products/{created["id"]}", Http.Raw(patch)), 400);
        problem["errors"]![field].Should().NotBeNull(problem.ToJsonString());
    }

    [Theory]
    [InlineData("?min_price=abc")]
    [InlineData("?min_price=-1")]
    [InlineData("?max_price=1e30")]
    [InlineData("?active=maybe")]
    [InlineData("?limit=0")]
    [InlineData("?limit=500")]
    [InlineData("?cursor=bogus!")]
    [InlineData("?q=a&cursor=bogus!")]
    public async Task Bad_list_parameters_are_400(string query)
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.KeyClient().GetAsync("/api/products" + query);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Agents_read_the_catalog_but_only_managers_change_it()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var product = await owner.CreateProductAsync(new { name = "Botox", price = 10 });
        var agentEmail = $"agent-{tenant.Slug}@example.com";
        await owner.PostJsonAsync("/api/users", new { email = agentEmail, name = "Agent", role = "agent", password = "agent-password" }, 201);
        var agent = app.ClientWithToken(await Http.LoginAsync(app.CreateClient(), agentEmail, "agent-password"));

        (await agent.GetJsonAsync("/api/products"))["total"]!.GetValue<int>().Should().Be(1);
        (await agent.GetJsonAsync($"/api/products/{product["id"]}"))["name"]!.GetValue<string>().Should().Be("Botox");
        await Http.ProblemAsync(await agent.PostAsync("/api/products", Http.Json(new { name = "x", price = 1 })), 403);
        await Http.ProblemAsync(await agent.DeleteAsync($"/api/products/{product["id"]}"), 403);
        await Http.ProblemAsync(await app.CreateClient().GetAsync("/api/products"), 401);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProductTestsOnSqlite(SqliteFactory app) : ProductTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ProductTestsOnPostgres(PostgresFactory app) : ProductTests(app);
