using Conversa.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Conversa.Api.Tests.Knowledge;

/// <summary>The <c>openai</c> embedding provider against an OpenAI-compatible server, and its fallback to the built-in model.</summary>
public abstract class OpenAiEmbeddingsTests(ConversaFactory app) : IAsyncLifetime
{
    private EmbeddingsServer _server = null!;

    public async Task InitializeAsync() => _server = await EmbeddingsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(TestTenant Tenant, HttpClient Client)> TenantWithOpenAiAsync(string? embeddingModel)
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        await owner.PatchJsonAsync("/api/tenant", new
        {
            settings = new { ai = new { provider = "openai", model = "gpt-4o-mini", base_url = _server.BaseUrl, api_key = "sk-tenant-key", embedding_model = embeddingModel } },
        }, 200);
        return (tenant, tenant.KeyClient());
    }

    [Fact]
    public async Task Documents_and_queries_are_embedded_by_the_tenants_openai_compatible_server()
    {
        var (_, client) = await TenantWithOpenAiAsync("stub-embed-small");
        var created = await client.PostJsonAsync("/api/documents", new { title = "Horarios", content = "Abrimos de lunes a viernes de 9 a 18." }, 201);
        created["status"]!.GetValue<string>().Should().Be("indexed");
        _server.Requests.Should().Contain(r => r.Model == "stub-embed-small" && r.Authorization == "Bearer sk-tenant-key");

        var results = await client.PostJsonAsync("/api/documents/search", new { query = "horarios lunes" }, 200);
        results["results"]![0]!["title"]!.GetValue<string>().Should().Be("Horarios");
        var index = (await client.GetJsonAsync("/api/tenant/health"))["knowledge_index"]!;
        index["embedding_provider"]!.GetValue<string>().Should().Be("openai");
        index["embedding_model"]!.GetValue<string>().Should().StartWith("openai/stub-embed-small@");
    }

    [Fact]
    public async Task The_platform_model_serves_tenants_without_their_own_and_lends_its_key_to_those_choosing_a_model()
    {
        using var platform = app.WithWebHostBuilder(b => b
            .UseSetting("Conversa:Ai:Provider", "openai")
            .UseSetting("Conversa:Ai:EmbeddingModel", "platform-embed")
            .UseSetting("Conversa:Ai:BaseUrl", _server.BaseUrl)
            .UseSetting("Conversa:Ai:ApiKey", "sk-platform-key"));
        var plain = await app.CreateTenantAsync();
        var client = platform.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", plain.Key);
        await client.PostJsonAsync("/api/documents", new { title = "Horarios", content = "Abrimos los sabados." }, 201);
        _server.Requests.Should().Contain(r => r.Model == "platform-embed" && r.Authorization == "Bearer sk-platform-key");
        (await client.GetJsonAsync("/api/tenant/health"))["knowledge_index"]!["embedding_provider"]!.GetValue<string>().Should().Be("openai");

        var choosy = await app.CreateTenantAsync();
        var owner = platform.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", await Http.LoginAsync(platform.CreateClient(), choosy.OwnerEmail, choosy.OwnerPassword));
        await owner.PatchJsonAsync("/api/tenant", new { settings = new { ai = new { provider = "openai", embedding_model = "tenant-embed" } } }, 200);
        await owner.PostJsonAsync("/api/documents", new { title = "Pagos", content = "Aceptamos tarjetas." }, 201);
        _server.Requests.Should().Contain(r => r.Model == "tenant-embed" && r.Authorization == "Bearer sk-platform-key");

        // The default host has no platform model: the same tenants get the built-in one there.
        (await plain.KeyClient().GetJsonAsync("/api/tenant/health"))["knowledge_index"]!["embedding_provider"]!.GetValue<string>().Should().Be("builtin");
    }

    [Fact]
    public async Task Without_an_embedding_model_the_builtin_one_is_used_and_health_says_why()
    {
        var (_, client) = await TenantWithOpenAiAsync(null);
        await client.PostJsonAsync("/api/documents", new { title = "Pagos", content = "Aceptamos tarjetas." }, 201);
        (await client.PostJsonAsync("/api/documents/search", new { query = "tarjetas" }, 200))["results_count"]!.GetValue<int>().Should().Be(1);
        var index = (await client.GetJsonAsync("/api/tenant/health"))["knowledge_index"]!;
        index["embedding_provider"]!.GetValue<string>().Should().Contain("builtin").And.Contain("embedding_model");
        _server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_failing_provider_falls_back_to_builtin_and_reindex_recovers_when_it_is_back()
    {
        var (_, client) = await TenantWithOpenAiAsync("stub-embed-small");
        _server.FailWithStatus = 401;
        var created = await client.PostJsonAsync("/api/documents", new { title = "Parqueadero", content = "Parqueadero gratuito para clientes." }, 201);
        created["status"]!.GetValue<string>().Should().Be("indexed_with_fallback");
        (await client.PostJsonAsync("/api/documents/search", new { query = "parqueadero" }, 200))["results_count"]!.GetValue<int>().Should().Be(1);
        var index = (await client.GetJsonAsync("/api/tenant/health"))["knowledge_index"]!;
        index["embedding_provider"]!.GetValue<string>().Should().StartWith("builtin (fallback:");

        _server.FailWithStatus = 0;
        var reindexed = await client.PostJsonAsync("/api/documents/reindex", new { }, 200);
        reindexed["embedding_provider"]!.GetValue<string>().Should().Be("openai");
        (await client.PostJsonAsync("/api/documents/search", new { query = "parqueadero gratis" }, 200))["results"]![0]!["title"]!
            .GetValue<string>().Should().Be("Parqueadero");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OpenAiEmbeddingsTestsOnSqlite(SqliteFactory app) : OpenAiEmbeddingsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OpenAiEmbeddingsTestsOnPostgres(PostgresFactory app) : OpenAiEmbeddingsTests(app);
