using System.Net;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Catalog;

/// <summary>The catalog travels with a tenant's export and import, with no change to TenantTransfer.</summary>
public abstract class CatalogTransferTests(ConversaFactory app)
{
    [Fact]
    public async Task Export_then_import_keeps_products_snapshots_and_the_catalog_secret()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var secret = await owner.CatalogSecretAsync();
        var v1 = await Http.ReadAsync(await app.CreateClient().PublishAsync(CatalogRequests.Snapshot("v1",
            new { sku = "BOT", name = "Botox", price = 250000.5m, attributes = new { zona = "frente" } },
            new { sku = "LF", name = "Limpieza facial", price = 80000 }), secret, tenant.Slug), 200);
        await Http.ReadAsync(await app.CreateClient().PublishAsync(CatalogRequests.Snapshot("v2",
            new { sku = "PEE", name = "Peeling", price = 120000 }), secret, tenant.Slug), 200);
        var manual = await owner.CreateProductAsync(new { name = "Retirado", price = 3 });
        await owner.DeleteAsync($"/api/products/{manual["id"]}");

        var admin = await app.AdminClientAsync();
        var export = await admin.GetAsync($"/api/admin/tenants/{tenant.Slug}/export");
        var document = await export.Content.ReadAsStringAsync();
        export.StatusCode.Should().Be(HttpStatusCode.OK, document);
        document.Should().NotContain(secret);

        var copySlug = "cat-" + Guid.NewGuid().ToString("N")[..10];
        var imported = await Http.ReadAsync(await admin.PostAsync($"/api/admin/tenants/import?slug={copySlug}", Http.Raw(document)), 201);
        imported["imported"]!["products"]!.GetValue<int>().Should().Be(2);
        imported["imported"]!["catalog_snapshots"]!.GetValue<int>().Should().Be(2);

        var copy = admin;
        copy.DefaultRequestHeaders.Add("X-Tenant-ID", copySlug);
        (await copy.ProductNamesAsync("&active=all")).Should().Equal("Peeling", "Retirado");
        var snapshots = (await copy.GetJsonAsync("/api/catalog/snapshots"))["items"]!.AsArray();
        snapshots.Select(s => (s!["version"]!.GetValue<string>(), s["active"]!.GetValue<bool>())).Should().Equal(("v2", true), ("v1", false));

        // The copy's snapshots still roll back, and its re-encrypted secret still signs for it.
        var v1Copy = snapshots.Single(s => s!["version"]!.GetValue<string>() == "v1")!["id"]!.GetValue<string>();
        v1Copy.Should().NotBe(v1["snapshot_id"]!.GetValue<string>());
        await copy.PostJsonAsync($"/api/catalog/snapshots/{v1Copy}/activate", new { }, 200);
        var botox = (await copy.GetJsonAsync("/api/products?q=botox"))["items"]![0]!;
        botox["price"]!.GetValue<decimal>().Should().Be(250000.5m);
        botox["attributes"]!["zona"]!.GetValue<string>().Should().Be("frente");
        (await copy.CatalogSecretAsync()).Should().Be(secret);
        (await app.CreateClient().PublishAsync(CatalogRequests.Snapshot("v3", new { name = "x", price = 1 }), secret, copySlug))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        // The original is untouched.
        (await owner.ProductNamesAsync()).Should().Equal("Peeling");
    }

    [Fact]
    public async Task A_deleted_tenant_restored_from_its_export_keeps_its_short_links()
    {
        var tenant = await app.CreateTenantAsync();
        var code = (await tenant.KeyClient().PostJsonAsync("/api/links", new { url = "https://example.com/x" }, 201))["code"]!.GetValue<string>();
        var admin = await app.AdminClientAsync();
        var document = await (await admin.GetAsync($"/api/admin/tenants/{tenant.Slug}/export")).Content.ReadAsStringAsync();
        (await admin.DeleteAsync($"/api/admin/tenants/{tenant.Slug}?confirm={tenant.Slug}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var noRedirects = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await Http.ProblemAsync(await noRedirects.GetAsync($"/l/{code}"), 404);

        await Http.ReadAsync(await admin.PostAsync("/api/admin/tenants/import", Http.Raw(document)), 201);
        (await noRedirects.GetAsync($"/l/{code}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await tenant.KeyClient().GetJsonAsync($"/api/links/{code}"))["clicks"]!.GetValue<long>().Should().Be(1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CatalogTransferTestsOnSqlite(SqliteFactory app) : CatalogTransferTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CatalogTransferTestsOnPostgres(PostgresFactory app) : CatalogTransferTests(app);
