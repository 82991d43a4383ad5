using System.Net;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Operations;

public abstract class OperationsTests(ConversaFactory app)
{
    [Fact]
    public async Task Liveness_and_readiness_answer()
    {
        (await app.CreateClient().GetJsonAsync("/health"))["status"]!.GetValue<string>().Should().Be("healthy");
        (await app.CreateClient().GetJsonAsync("/health/ready"))["database"]!.GetValue<string>().Should().Be("ok");
    }

    [Fact]
    public async Task Platform_health_lists_tenants_for_the_superadmin_only()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        foreach (var path in new[] { "/health/tenants", "/health/companies" })
        {
            var health = await admin.GetJsonAsync(path);
            health["system_type"]!.GetValue<string>().Should().Be("multi-tenant-multi-agent");
            health["tenants"]!["configured"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(tenant.Slug);
            health["tenants"]!["health"]![tenant.Slug]!["system_healthy"]!.GetValue<bool>().Should().BeTrue();
            health["tenants"]!["stats"]![tenant.Slug]!["users"]!.GetValue<int>().Should().Be(1);
        }
        foreach (var path in new[] { $"/health/tenants/{tenant.Slug}", $"/health/company/{tenant.Id}" })
        {
            (await admin.GetJsonAsync(path))["tenant"]!.GetValue<string>().Should().Be(tenant.Slug);
        }
        await Http.ProblemAsync(await admin.GetAsync("/health/tenants/no-such-tenant"), 404);
        await Http.ProblemAsync(await tenant.KeyClient().GetAsync("/health/tenants"), 403);
        await Http.ProblemAsync(await app.CreateClient().GetAsync("/health/tenants"), 401);
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_by_route_and_status()
    {
        await app.CreateClient().GetAsync("/health");
        await app.CreateClient().GetAsync("/api/tenant");
        var response = await app.CreateClient().GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("# TYPE conversa_http_requests_total counter");
        text.Should().Contain("conversa_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"}");
        text.Should().Contain("route=\"/api/tenant\",status=\"401\"");
        text.Should().Contain("conversa_http_request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"+Inf\"}");
    }

    [Fact]
    public async Task Unknown_routes_are_404_problems()
    {
        var response = await app.CreateClient().GetAsync("/api/does-not-exist");
        await Http.ProblemAsync(response, 404);
    }

    [Fact]
    public async Task A_json_body_over_one_mebibyte_is_413()
    {
        var tenant = await app.CreateTenantAsync();
        var big = new string('x', 1024 * 1024 + 10);
        var response = await tenant.KeyClient().PatchAsync("/api/tenant", Http.Raw($"{{\"name\": \"{big}\"}}"));
        await Http.ProblemAsync(response, 413);
        (await tenant.KeyClient().GetJsonAsync("/api/tenant"))["name"]!.GetValue<string>().Should().NotStartWith("xxx");
    }

    [Fact]
    public async Task Wrong_json_types_and_malformed_bodies_are_400_not_500()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        await Http.ProblemAsync(await client.PatchAsync("/api/tenant", Http.Raw("{\"name\": 42}")), 400);
        await Http.ProblemAsync(await client.PatchAsync("/api/tenant", Http.Raw("[1,2,3]")), 400);
        await Http.ProblemAsync(await client.PatchAsync("/api/tenant", Http.Raw("{\"settings\": \"not an object\"}")), 400);
        await Http.ProblemAsync(await client.PostAsync("/api/api-keys", Http.Raw("name=x", "application/x-www-form-urlencoded")), 415);
    }

    [Fact]
    public async Task The_openapi_document_and_docs_page_are_served()
    {
        var openapi = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        openapi["paths"]!.AsObject().Select(p => p.Key).Should().Contain(["/api/auth/login", "/api/admin/tenants", "/api/tenant"]);
        openapi["components"]!["securitySchemes"]!["api_key"]!["name"]!.GetValue<string>().Should().Be("X-API-Key");
        openapi["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        var docs = await app.CreateClient().GetAsync("/docs/index.html");
        docs.StatusCode.Should().Be(HttpStatusCode.OK);
        (await docs.Content.ReadAsStringAsync()).Should().Contain("swagger-ui");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OperationsTestsOnSqlite(SqliteFactory app) : OperationsTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OperationsTestsOnPostgres(PostgresFactory app) : OperationsTests(app);
