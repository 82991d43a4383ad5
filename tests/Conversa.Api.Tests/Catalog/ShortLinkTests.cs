using System.Net;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Catalog;

public abstract class ShortLinkTests(ConversaFactory app)
{
    private HttpClient NoRedirects() => app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_link_redirects_with_its_utm_tags_and_counts_clicks()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        var created = await client.PostJsonAsync("/api/links", new
        {
            url = "https://shop.example.com/p/7?color=red#fotos",
            utm = new { source = "whatsapp", medium = "chat", campaign = "black friday" },
        }, 201);
        var code = created["code"]!.GetValue<string>();
        created["url"]!.GetValue<string>().Should().Be("https://shop.example.com/p/7?color=red#fotos");
        created["short_url"]!.GetValue<string>().Should().Be($"http://localhost/l/{code}");

        for (var i = 0; i < 2; i++)
        {
            var response = await NoRedirects().GetAsync($"/l/{code}");
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.OriginalString.Should().Be(
                "https://shop.example.com/p/7?color=red&utm_source=whatsapp&utm_medium=chat&utm_campaign=black%20friday#fotos");
        }

        var stats = await client.GetJsonAsync($"/api/links/{code}");
        stats["clicks"]!.GetValue<long>().Should().Be(2);
        stats["code"]!.GetValue<string>().Should().Be(code);
        stats["utm"]!["campaign"]!.GetValue<string>().Should().Be("black friday");
        stats["created_at"].Should().NotBeNull();
        (await client.GetJsonAsync("/api/links"))["total"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task A_link_without_tags_redirects_to_its_url()
    {
        var tenant = await app.CreateTenantAsync();
        var created = await tenant.KeyClient().PostJsonAsync("/api/links", new { url = "https://example.com/a?b=1" }, 201);
        var response = await NoRedirects().GetAsync($"/l/{created["code"]}");
        response.Headers.Location!.OriginalString.Should().Be("https://example.com/a?b=1");
    }

    [Fact]
    public async Task Unknown_codes_are_404()
    {
        await Http.ProblemAsync(await NoRedirects().GetAsync("/l/zzzzzzzz"), 404);
        await Http.ProblemAsync(await NoRedirects().GetAsync("/l/bad-code!"), 404);
        var tenant = await app.CreateTenantAsync();
        await Http.ProblemAsync(await tenant.KeyClient().GetAsync("/api/links/zzzzzzzz"), 404);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"url": ""}""")]
    [InlineData("""{"url": "shop.example.com"}""")]
    [InlineData("""{"url": "ftp://example.com/x"}""")]
    [InlineData("""{"url": "javascript:alert(1)"}""")]
    [InlineData("""{"url": "https://example.com", "utm": "whatsapp"}""")]
    [InlineData("""{"url": "https://example.com", "utm": {"source": 5}}""")]
    [InlineData("""not json""")]
    public async Task Bad_links_are_400(string body)
    {
        var tenant = await app.CreateTenantAsync();
        await Http.ProblemAsync(await tenant.KeyClient().PostAsync("/api/links", Http.Raw(body)), 400);
        (await tenant.KeyClient().GetJsonAsync("/api/links"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Links_of_a_suspended_tenant_stop_redirecting()
    {
        var tenant = await app.CreateTenantAsync();
        var code = (await tenant.KeyClient().PostJsonAsync("/api/links", new { url = "https://example.com" }, 201))["code"]!.GetValue<string>();
        var admin = await app.AdminClientAsync();
        await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { status = "suspended" }, 200);
        await Http.ProblemAsync(await NoRedirects().GetAsync($"/l/{code}"), 404);
        await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { status = "active" }, 200);
        (await NoRedirects().GetAsync($"/l/{code}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ShortLinkTestsOnSqlite(SqliteFactory app) : ShortLinkTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ShortLinkTestsOnPostgres(PostgresFactory app) : ShortLinkTests(app);
