using System.Net;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Catalog;

/// <summary>Every catalog resource of another tenant is 404 and never data; its secret never signs for us.</summary>
public abstract class CatalogCrossTenantTests(ConversaFactory app)
{
    [Fact]
    public async Task Another_tenants_product_is_not_found_changed_or_listed()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var bProduct = await b.KeyClient().CreateProductAsync(new { name = "Secreto de B", price = 5, sku = "B-1", category = "Solo B" });
        var url = $"/api/products/{bProduct["id"]}";
        var aClient = a.KeyClient();

        await Http.ProblemAsync(await aClient.GetAsync(url), 404);
        await Http.ProblemAsync(await aClient.PutAsync(url, Http.Json(new { name = "hacked", price = 1 })), 404);
        await Http.ProblemAsync(await aClient.PatchAsync(url, Http.Json(new { name = "hacked" })), 404);
        await Http.ProblemAsync(await aClient.DeleteAsync(url), 404);
        var owner = await a.OwnerClientAsync();
        await Http.ProblemAsync(await owner.GetAsync(url), 404);

        foreach (var read in new[] { "/api/products?active=all", "/api/products?q=secreto", "/api/products/categories", "/api/products/export" })
        {
            (await (await aClient.GetAsync(read)).Content.ReadAsStringAsync()).Should().NotContain("Secreto").And.NotContain("Solo B");
        }
        (await aClient.GetJsonAsync("/api/products/count?active=all"))["count"]!.GetValue<int>().Should().Be(0);
        // A's import with B's sku creates A's own product; B's is untouched.
        var import = await aClient.PostAsync("/api/products/import", new StringContent("sku,name,price\nB-1,Mine,1\n", System.Text.Encoding.UTF8, "text/csv"));
        (await Http.ReadAsync(import, 200))["created"]!.GetValue<int>().Should().Be(1);

        var untouched = await b.KeyClient().GetJsonAsync(url);
        untouched["name"]!.GetValue<string>().Should().Be("Secreto de B");
        untouched["active"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Another_tenants_snapshot_cannot_be_seen_or_activated()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var bOwner = await b.OwnerClientAsync();
        var secret = await bOwner.CatalogSecretAsync();
        var published = await Http.ReadAsync(await app.CreateClient().PublishAsync(
            CatalogRequests.Snapshot("b-v1", new { name = "Solo de B", price = 1 }), secret, b.Slug), 200);

        await Http.ProblemAsync(await a.KeyClient().PostAsync($"/api/catalog/snapshots/{published["snapshot_id"]}/activate", null), 404);
        var aSnapshots = await a.KeyClient().GetJsonAsync("/api/catalog/snapshots");
        aSnapshots["total"]!.GetValue<int>().Should().Be(0);
        (await a.KeyClient().GetJsonAsync("/api/products/count"))["count"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Another_tenants_catalog_secret_never_validates_a_publish()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var aSecret = await a.KeyClient().CatalogSecretAsync();
        var bSecret = await b.KeyClient().CatalogSecretAsync();
        aSecret.Should().NotBe(bSecret);
        var body = CatalogRequests.Snapshot("x", new { name = "Intruso", price = 1 });

        await Http.ProblemAsync(await app.CreateClient().PublishAsync(body, bSecret, a.Slug), 401);
        await Http.ProblemAsync(await a.KeyClient().PublishAsync(body, bSecret), 401);
        // B's key naming A is refused before any signature is looked at.
        await Http.ProblemAsync(await b.KeyClient().PublishAsync(body, aSecret, a.Slug), 403);
        (await a.KeyClient().GetJsonAsync("/api/products/count"))["count"]!.GetValue<int>().Should().Be(0);
        (await a.KeyClient().GetJsonAsync("/api/catalog/snapshots"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Another_tenants_link_stats_are_not_found()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var code = (await b.KeyClient().PostJsonAsync("/api/links", new { url = "https://b.example.com" }, 201))["code"]!.GetValue<string>();
        await Http.ProblemAsync(await a.KeyClient().GetAsync($"/api/links/{code}"), 404);
        (await (await a.KeyClient().GetAsync("/api/links")).Content.ReadAsStringAsync()).Should().NotContain(code);
        (await b.KeyClient().GetJsonAsync($"/api/links/{code}"))["clicks"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task Unknown_catalog_ids_are_404_not_500()
    {
        var a = await app.CreateTenantAsync();
        await Http.ProblemAsync(await a.KeyClient().GetAsync($"/api/products/{Guid.NewGuid()}"), 404);
        (await a.KeyClient().GetAsync("/api/products/not-a-guid")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await a.KeyClient().PostAsync("/api/catalog/snapshots/not-a-guid/activate", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CatalogCrossTenantTestsOnSqlite(SqliteFactory app) : CatalogCrossTenantTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CatalogCrossTenantTestsOnPostgres(PostgresFactory app) : CatalogCrossTenantTests(app);
