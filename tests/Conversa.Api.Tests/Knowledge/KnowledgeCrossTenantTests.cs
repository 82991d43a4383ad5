using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Knowledge;

/// <summary>Another tenant's documents are never found, shown, deleted or returned by search.</summary>
public abstract class KnowledgeCrossTenantTests(ConversaFactory app)
{
    [Fact]
    public async Task Another_tenants_document_is_not_found_and_not_deleted()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var bDocument = await b.KeyClient().PostJsonAsync("/api/documents", new { title = "Secreto de B", content = "Fórmula exclusiva de B." }, 201);

        await Http.ProblemAsync(await a.KeyClient().GetAsync($"/api/documents/{bDocument["id"]}"), 404);
        await Http.ProblemAsync(await a.KeyClient().DeleteAsync($"/api/documents/{bDocument["id"]}"), 404);
        await Http.ProblemAsync(await (await a.OwnerClientAsync()).DeleteAsync($"/api/documents/{bDocument["id"]}"), 404);
        (await a.KeyClient().GetJsonAsync("/api/documents"))["total"]!.GetValue<int>().Should().Be(0);

        (await b.KeyClient().GetJsonAsync($"/api/documents/{bDocument["id"]}"))["title"]!.GetValue<string>().Should().Be("Secreto de B");
    }

    [Fact]
    public async Task Search_never_returns_another_tenants_text()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        await a.KeyClient().PostJsonAsync("/api/documents", new { title = "Horarios", content = "Abrimos de lunes a viernes de 9 a 18." }, 201);
        await b.KeyClient().PostJsonAsync("/api/documents",
            new { title = "Rinoplastia", content = "La rinoplastia ultrasónica cuesta 4500 USD con el doctor Zambrano." }, 201);

        foreach (var query in new[] { "rinoplastia ultrasonica", "doctor Zambrano", "rinoplastia precio 4500" })
        {
            var results = await a.KeyClient().PostJsonAsync("/api/documents/search", new { query }, 200);
            results["results_count"]!.GetValue<int>().Should().Be(0, query);
            results["results"]!.ToJsonString().Should().NotContain("Zambrano");
        }
        (await b.KeyClient().PostJsonAsync("/api/documents/search", new { query = "rinoplastia" }, 200))["results_count"]!.GetValue<int>().Should().Be(1);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class KnowledgeCrossTenantTestsOnSqlite(SqliteFactory app) : KnowledgeCrossTenantTests(app);

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeCrossTenantTestsOnPostgres(PostgresFactory app) : KnowledgeCrossTenantTests(app);
