using System.Net;
using Conversa.Api.Tests.Booking;
using Conversa.Api.Tests.Catalog;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Caching;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// What chat turns keep per tenant (<see cref="TenantReadCache"/>: the assistant profile, the catalog, what can be
/// booked) is dropped as soon as it changes through the API, is never another tenant's, is re-read by another node
/// after its lifetime at the latest, and spares a turn the reads it caches.
/// </summary>
public abstract class TenantReadCacheTests(ConversaFactory app)
{
    private const string PriceQuestion = "¿Cuánto cuesta el botox?";

    [Fact]
    public async Task A_price_changed_added_or_deleted_through_the_api_shows_in_the_next_answer()
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "COP", language = "es" });
        var client = tenant.KeyClient();
        var botox = await client.CreateProductAsync(new { name = "Botox", price = 850_000m, stock = 3 });
        (await client.ChatAsync(PriceQuestion, "ana")).Reply().Should().Contain("Botox: 850.000 COP");

        await client.PatchJsonAsync($"/api/products/{botox.Str("id")}", new { price = 900_000m }, 200);
        var changed = await client.ChatAsync(PriceQuestion, "ana");
        changed.Reply().Should().Contain("Botox: 900.000 COP").And.NotContain("850.000");

        await client.PutJsonAsync($"/api/products/{botox.Str("id")}", new { name = "Botox Plus", price = 950_000m, stock = 3 }, 200);
        (await client.ChatAsync(PriceQuestion, "ana")).Reply().Should().Contain("Botox Plus: 950.000 COP");

        await client.CreateProductAsync(new { name = "Peeling químico", price = 250_000m, stock = 1 });
        (await client.ChatAsync("precio del peeling químico", "ana")).Reply().Should().Contain("Peeling químico: 250.000 COP");

        (await client.DeleteAsync($"/api/products/{botox.Str("id")}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.ChatAsync(PriceQuestion, "ana")).Reply().Should().NotContain("Botox Plus").And.NotContain("950.000");
    }

    [Fact]
    public async Task A_settings_change_applies_to_the_next_message()
    {
        var tenant = await app.CreateTenantAsync(extra: new { settings = new { assistant = new { name = "María" } } });
        var client = tenant.KeyClient();
        (await client.ChatAsync("Hola, buenas tardes", "ana")).Reply().Should().Contain("Soy María");

        await (await tenant.OwnerClientAsync()).PatchJsonAsync("/api/tenant", new { settings = new { assistant = new { name = "Lucía" } } }, 200);

        (await client.ChatAsync("Hola, buenas tardes", "ana")).Reply().Should().Contain("Soy Lucía").And.NotContain("María");
    }

    [Fact]
    public async Task A_deleted_service_is_no_longer_offered_and_a_new_one_is()
    {
        var clinic = await ChatClinic.CreateAsync(app, ChatClinic.Monday10Bogota, "America/Bogota", "es",
            [("Botox", 30), ("Limpieza facial", 60)], [("Dra. Ríos", ["Botox", "Limpieza facial"])]);
        (await clinic.SayAsync("ana", "Hola, quiero agendar una cita")).Reply().Should().Contain("Botox").And.Contain("Limpieza facial");

        (await clinic.Client.DeleteAsync($"/api/services/{clinic.Services["Limpieza facial"]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await clinic.Client.PostJsonAsync("/api/services", new { name = "Peeling", duration_minutes = 45 }, 201);

        var offered = await clinic.SayAsync("ben", "Hola, quiero agendar una cita");
        offered.Reply().Should().Contain("Botox").And.Contain("Peeling").And.NotContain("Limpieza facial");
    }

    [Fact]
    public async Task Two_tenants_with_the_same_product_each_get_their_own_price()
    {
        var first = await app.CreateTenantAsync(extra: new { currency = "COP", language = "es" });
        var second = await app.CreateTenantAsync(extra: new { currency = "COP", language = "es" });
        await first.KeyClient().CreateProductAsync(new { name = "Botox", price = 850_000m, stock = 1 });
        await second.KeyClient().CreateProductAsync(new { name = "Botox", price = 300_000m, stock = 1 });

        for (var round = 0; round < 2; round++)
        {
            (await first.KeyClient().ChatAsync(PriceQuestion, "ana")).Reply().Should().Contain("850.000 COP").And.NotContain("300.000");
            (await second.KeyClient().ChatAsync(PriceQuestion, "ana")).Reply().Should().Contain("300.000 COP").And.NotContain("850.000");
        }
    }

    [Fact]
    public async Task Another_node_sees_a_change_once_its_copy_is_older_than_the_lifetime()
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "COP", language = "es" });
        var botox = await tenant.KeyClient().CreateProductAsync(new { name = "Botox", price = 850_000m, stock = 3 });
        var other = ClockedHost.Fresh(app);
        other.Clock.Set(DateTimeOffset.UtcNow);
        var otherClient = other.KeyClient(tenant);
        (await otherClient.ChatAsync(PriceQuestion, "ana")).Reply().Should().Contain("850.000 COP");

        await tenant.KeyClient().PatchJsonAsync($"/api/products/{botox.Str("id")}", new { price = 900_000m }, 200);
        other.Clock.Advance(TenantReadCache.Lifetime);

        (await otherClient.ChatAsync(PriceQuestion, "ana")).Reply().Should().Contain("900.000 COP");
    }

    [Fact]
    public async Task A_turn_reads_neither_the_tenant_nor_the_catalog_again_nor_the_contact_twice()
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "COP", language = "es" });
        var client = tenant.KeyClient();
        var botox = await client.CreateProductAsync(new { name = "Botox", price = 850_000m, stock = 3 });
        using var statements = await TenantStatements.StartAsync(tenant.Id);
        await client.ChatAsync(PriceQuestion, "ana");
        var first = statements.Take();
        first.Should().Contain(s => Reads(s, "tenants")).And.Contain(s => Reads(s, "products"), "the first turn fills the cache");

        (await client.ChatAsync(PriceQuestion, "ana")).Reply().Should().Contain("850.000 COP");
        var warm = statements.Take();
        warm.Should().NotContain(s => Reads(s, "tenants")).And.NotContain(s => Reads(s, "products"));
        warm.Count(s => Reads(s, "contacts")).Should().Be(1, "the chat endpoint's read of the contact is the engine's: {0}", string.Join("\n", warm));
        // Contact, conversation with its context (one query), then one transaction: counter (returning the new count), both
        // messages, context. PostgreSQL sends the two messages in one batch, SQLite one insert at a time.
        warm.Count.Should().Be(app.Kind == "postgres" ? 5 : 6, "an existing contact's sales turn: {0}", string.Join("\n", warm));

        await client.PatchJsonAsync($"/api/products/{botox.Str("id")}", new { price = 900_000m }, 200);
        statements.Take();
        (await client.ChatAsync(PriceQuestion, "ana")).Reply().Should().Contain("900.000 COP");
        statements.Take().Should().Contain(s => Reads(s, "products"), "the change dropped the tenant's catalog");
    }

    // SQLite's SQL quotes table names, PostgreSQL's does not.
    private static bool Reads(string sql, string table) =>
        sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) &&
        (sql.Contains($"FROM \"{table}\"", StringComparison.Ordinal) || sql.Contains($"FROM {table} ", StringComparison.Ordinal));
}

[Collection(SqliteCollection.Name)]
public sealed class TenantReadCacheTestsOnSqlite(SqliteFactory app) : TenantReadCacheTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TenantReadCacheTestsOnPostgres(PostgresFactory app) : TenantReadCacheTests(app);
