using System.Net;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Catalog;

public abstract class CatalogPublishTests(ConversaFactory app)
{
    private static readonly object Botox = new { sku = "BOT", name = "Botox", price = 250000, category = "Inyectables" };
    private static readonly object Limpieza = new { sku = "LF", name = "Limpieza facial", price = 80000, category = "Faciales" };
    private static readonly object Peeling = new { sku = "PEE", name = "Peeling", price = 120000 };

    [Fact]
    public async Task The_secret_is_made_on_first_need_answers_every_time_and_rotates()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var secret = await owner.CatalogSecretAsync();
        secret.Should().StartWith("cat_");
        (await owner.CatalogSecretAsync()).Should().Be(secret);
        (await tenant.KeyClient().CatalogSecretAsync()).Should().Be(secret);

        var body = CatalogRequests.Snapshot("v1", Botox);
        (await app.CreateClient().PublishAsync(body, secret, tenant.Slug)).StatusCode.Should().Be(HttpStatusCode.OK);

        var rotated = (await owner.PostJsonAsync("/api/catalog/secret/rotate", new { }, 200))["secret"]!.GetValue<string>();
        rotated.Should().NotBe(secret);
        (await owner.CatalogSecretAsync()).Should().Be(rotated);
        await Http.ProblemAsync(await app.CreateClient().PublishAsync(CatalogRequests.Snapshot("v2", Limpieza), secret, tenant.Slug), 401);
        (await app.CreateClient().PublishAsync(CatalogRequests.Snapshot("v2", Limpieza), rotated, tenant.Slug)).StatusCode.Should().Be(HttpStatusCode.OK);

        var admin = await app.AdminClientAsync();
        var trail = (await admin.GetJsonAsync($"/api/admin/audit?tenant={tenant.Slug}&limit=200"))["items"]!.AsArray()
            .Select(e => e!["action"]!.GetValue<string>()).ToList();
        trail.Should().Contain(["catalog.secret_created", "catalog.secret_rotated", "catalog.published"]);
        var auditText = await (await admin.GetAsync($"/api/admin/audit?tenant={tenant.Slug}&limit=200")).Content.ReadAsStringAsync();
        auditText.Should().NotContain(secret).And.NotContain(rotated);
    }

    [Fact]
    public async Task Agents_cannot_read_the_secret_or_publish()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var secret = await owner.CatalogSecretAsync();
        var email = $"agent-{tenant.Slug}@example.com";
        await owner.PostJsonAsync("/api/users", new { email, name = "Agent", role = "agent", password = "agent-password" }, 201);
        var agent = app.ClientWithToken(await Http.LoginAsync(app.CreateClient(), email, "agent-password"));
        await Http.ProblemAsync(await agent.GetAsync("/api/catalog/secret"), 403);
        await Http.ProblemAsync(await agent.PostAsync("/api/catalog/secret/rotate", null), 403);
        await Http.ProblemAsync(await agent.PublishAsync(CatalogRequests.Snapshot("v1", Botox), secret), 403);
        await Http.ProblemAsync(await app.CreateClient().GetAsync("/api/catalog/secret"), 401);
        (await agent.GetJsonAsync("/api/catalog/snapshots"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task A_bad_or_missing_signature_is_401_for_any_caller_and_changes_nothing()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        await owner.CreateProductAsync(Peeling);
        var secret = await owner.CatalogSecretAsync();
        var body = CatalogRequests.Snapshot("v1", Botox);
        var anonymous = app.CreateClient();

        await Http.ProblemAsync(await anonymous.PublishAsync(body, secret: null, tenant.Slug), 401);
        await Http.ProblemAsync(await anonymous.PublishAsync(body, "wrong-secret", tenant.Slug), 401);
        await Http.ProblemAsync(await anonymous.PublishAsync(body, null, tenant.Slug, signature: "sha256=nothex"), 401);
        await Http.ProblemAsync(await anonymous.PublishAsync(body, null, tenant.Id.ToString(), signature: "sha256=" + new string('0', 64)), 401);
        // Signed over other bytes: the same JSON with different whitespace is a different body.
        var signedOther = CatalogRequests.Snapshot("v1", Botox) + " ";
        await Http.ProblemAsync(await anonymous.PublishAsync(body, null, tenant.Slug,
            signature: Conversa.Core.Catalog.CatalogSignature.Sign(secret, System.Text.Encoding.UTF8.GetBytes(signedOther))), 401);
        // Credentials do not replace the signature.
        await Http.ProblemAsync(await owner.PublishAsync(body, secret: null), 401);
        await Http.ProblemAsync(await tenant.KeyClient().PublishAsync(body, "wrong-secret"), 401);
        // No tenant named and no credentials, or an unknown tenant.
        await Http.ProblemAsync(await anonymous.PublishAsync(body, secret), 401);
        await Http.ProblemAsync(await anonymous.PublishAsync(body, secret, "no-such-tenant-" + Guid.NewGuid().ToString("N")[..6]), 404);

        (await owner.ProductNamesAsync()).Should().Equal("Peeling");
        (await owner.GetJsonAsync("/api/catalog/snapshots"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task A_valid_publish_replaces_the_catalog_from_a_signed_anonymous_or_credentialed_caller()
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "COP" });
        var owner = await tenant.OwnerClientAsync();
        var kept = await owner.CreateProductAsync(new { sku = "BOT", name = "Botox (old)", price = 1 });
        await owner.CreateProductAsync(new { name = "Manual product", price = 2 });
        var secret = await owner.CatalogSecretAsync();

        var response = await app.CreateClient().PublishAsync(CatalogRequests.Snapshot("2026-11-22.1", Botox, Limpieza), secret, tenant.Slug);
        var published = await Http.ReadAsync(response, 200);
        published["version"]!.GetValue<string>().Should().Be("2026-11-22.1");
        published["products"]!.GetValue<int>().Should().Be(2);
        published["snapshot_id"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        (await owner.ProductNamesAsync("&active=all")).Should().Equal("Botox", "Limpieza facial");
        var botox = await owner.GetJsonAsync($"/api/products/{kept["id"]}");
        botox["name"]!.GetValue<string>().Should().Be("Botox", "a product whose sku is published keeps its id");
        botox["currency"]!.GetValue<string>().Should().Be("COP");
        botox["price"]!.GetValue<decimal>().Should().Be(250000);

        // With credentials (a secret key acts as admin) the signature is still what counts.
        var second = await tenant.KeyClient().PublishAsync(CatalogRequests.Snapshot("2026-11-22.2", Peeling), secret);
        (await Http.ReadAsync(second, 200))["products"]!.GetValue<int>().Should().Be(1);
        (await owner.ProductNamesAsync("&active=all")).Should().Equal("Peeling");

        var snapshots = (await owner.GetJsonAsync("/api/catalog/snapshots"))["items"]!.AsArray();
        snapshots.Select(s => (s!["version"]!.GetValue<string>(), s["active"]!.GetValue<bool>(), s["products"]!.GetValue<int>()))
            .Should().Equal(("2026-11-22.2", true, 1), ("2026-11-22.1", false, 2));
    }

    [Fact]
    public async Task Invalid_items_are_422_per_item_and_nothing_changes()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        await owner.CreateProductAsync(Peeling);
        var secret = await owner.CatalogSecretAsync();
        var body = CatalogRequests.Snapshot("v-bad",
            Botox,
            new { sku = "X1", name = "Sin precio" },
            new { sku = "X2", name = "Negativo", price = -3, currency = "XYZ" },
            new { sku = "BOT", name = "Botox again", price = 1 },
            new { sku = "X4", name = "Tipo", price = "12" },
            "not an object");

        var problem = await Http.ProblemAsync(await app.CreateClient().PublishAsync(body, secret, tenant.Slug), 422);
        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.Should().BeEquivalentTo(
            "products[1].price", "products[2].price", "products[2].currency", "products[3].sku", "products[4].price", "products[5]");
        problem["detail"]!.GetValue<string>().Should().Contain("Nothing was changed");

        foreach (var malformed in new[]
        {
            """{"products": []}""",
            """{"version": "v", "products": {"a": 1}}""",
            """{"version": "", "products": []}""",
        })
        {
            await Http.ProblemAsync(await app.CreateClient().PublishAsync(malformed, secret, tenant.Slug), 422);
        }
        foreach (var notJson in new[] { "not json", "[1,2]", "" })
        {
            await Http.ProblemAsync(await app.CreateClient().PublishAsync(notJson, secret, tenant.Slug), 400);
        }

        (await owner.ProductNamesAsync("&active=all")).Should().Equal("Peeling");
        (await owner.GetJsonAsync("/api/catalog/snapshots"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Activating_an_older_snapshot_rolls_the_catalog_back()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var secret = await owner.CatalogSecretAsync();
        var first = await Http.ReadAsync(await app.CreateClient().PublishAsync(CatalogRequests.Snapshot("v1", Botox, Limpieza), secret, tenant.Slug), 200);
        await Http.ReadAsync(await app.CreateClient().PublishAsync(CatalogRequests.Snapshot("v2", Peeling), secret, tenant.Slug), 200);
        (await owner.ProductNamesAsync()).Should().Equal("Peeling");

        var rolledBack = await owner.PostJsonAsync($"/api/catalog/snapshots/{first["snapshot_id"]}/activate", new { }, 200);
        rolledBack["version"]!.GetValue<string>().Should().Be("v1");
        rolledBack["products"]!.GetValue<int>().Should().Be(2);
        (await owner.ProductNamesAsync("&active=all")).Should().Equal("Botox", "Limpieza facial");
        var snapshots = (await owner.GetJsonAsync("/api/catalog/snapshots"))["items"]!.AsArray();
        snapshots.Single(s => s!["active"]!.GetValue<bool>())!["version"]!.GetValue<string>().Should().Be("v1");

        await Http.ProblemAsync(await owner.PostAsync($"/api/catalog/snapshots/{Guid.NewGuid()}/activate", null), 404);
        var admin = await app.AdminClientAsync();
        (await admin.GetJsonAsync($"/api/admin/audit?tenant={tenant.Slug}&action=catalog.snapshot_activated"))["total"]!.GetValue<int>().Should().Be(1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CatalogPublishTestsOnSqlite(SqliteFactory app) : CatalogPublishTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CatalogPublishTestsOnPostgres(PostgresFactory app) : CatalogPublishTests(app);
