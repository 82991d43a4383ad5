using System.Net;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Catalog;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Widget;

/// <summary>
/// <c>POST /api/widget/messages</c> as a site's visitors reach it: a public key from an allowed origin gets the key's
/// tenant's assistant, a visitor continues one conversation, the same visitor id under another tenant's key is another
/// person, wrong or missing origins and public keys elsewhere are 403, bad bodies 400, floods 429, and CORS answers
/// only the key's origins.
/// </summary>
public abstract class WidgetEndpointTests(ConversaFactory app)
{
    private const string Shop = WidgetVisitors.Shop;

    private async Task<(TestTenant Tenant, string PublicKey)> ClinicAsync(decimal botoxPrice, string origin = Shop)
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "COP", language = "es" });
        await tenant.KeyClient().CreateProductAsync(new { name = "Botox", sku = "BOTOX", category = "Estética", price = botoxPrice });
        var owner = await tenant.OwnerClientAsync();
        var created = await owner.PostJsonAsync("/api/api-keys",
            new { name = "widget", kind = "public", allowed_origins = new[] { origin + "/" } }, 201);
        return (tenant, created.Str("key"));
    }

    private HttpClient Visitor(string key, string? origin = Shop) => app.WidgetVisitor(key, origin);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string visitorId, string message) =>
        client.PostAsync("/api/widget/messages", Http.Json(new { visitor_id = visitorId, message }));

    [Fact]
    public async Task A_visitor_on_an_allowed_origin_gets_the_price_from_the_key_s_tenant_catalog()
    {
        var (_, key) = await ClinicAsync(350_000m);
        var visitor = Visitor(key);

        var response = await SendAsync(visitor, "visitor-0001", "hola, ¿cuánto cuesta el botox?");

        var reply = await Http.ReadAsync(response, 200);
        reply.Str("agent").Should().Be("sales");
        reply.Str("reply").Should().Contain("Botox: 350.000 COP");
        Guid.TryParse(reply.Str("conversation_id"), out _).Should().BeTrue();
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Shop);
    }

    [Fact]
    public async Task The_same_visitor_continues_one_widget_conversation_that_staff_see()
    {
        var (tenant, key) = await ClinicAsync(350_000m);
        var visitor = Visitor(key);

        var first = await Http.ReadAsync(await SendAsync(visitor, "visitor-0002", "hola"), 200);
        var second = await Http.ReadAsync(await SendAsync(visitor, "visitor-0002", "¿cuánto cuesta el botox?"), 200);
        var other = await Http.ReadAsync(await SendAsync(visitor, "visitor-0003", "hola"), 200);

        second.Str("conversation_id").Should().Be(first.Str("conversation_id"));
        other.Str("conversation_id").Should().NotBe(first.Str("conversation_id"));
        var conversation = await tenant.KeyClient().GetJsonAsync($"/api/conversations/{first.Str("conversation_id")}");
        conversation.Str("channel").Should().Be("widget");
        conversation["messages"]!.AsArray().Select(m => m!.Str("role")).Should().Equal("user", "assistant", "user", "assistant");
    }

    [Fact]
    public async Task The_same_visitor_id_under_another_tenant_s_key_is_another_contact_with_that_tenant_s_prices()
    {
        var (a, keyA) = await ClinicAsync(350_000m);
        var (b, keyB) = await ClinicAsync(990_000m, "https://other.example.org");

        var fromA = await Http.ReadAsync(await SendAsync(Visitor(keyA), "shared-visitor", "¿cuánto cuesta el botox?"), 200);
        var fromB = await Http.ReadAsync(await SendAsync(Visitor(keyB, "https://other.example.org"), "shared-visitor", "¿cuánto cuesta el botox?"), 200);

        fromA.Str("reply").Should().Contain("350.000").And.NotContain("990.000");
        fromB.Str("reply").Should().Contain("990.000").And.NotContain("350.000");
        fromB.Str("conversation_id").Should().NotBe(fromA.Str("conversation_id"));
        await Http.ProblemAsync(await a.KeyClient().GetAsync($"/api/conversations/{fromB.Str("conversation_id")}"), 404);
        var contactsOfB = await b.KeyClient().GetJsonAsync("/api/conversations?channel=widget");
        contactsOfB["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task A_public_key_from_a_wrong_or_missing_origin_is_refused_without_CORS_headers()
    {
        var (_, key) = await ClinicAsync(350_000m);

        var wrong = await SendAsync(Visitor(key, "https://evil.example.com"), "visitor-0004", "hola");
        (await Http.ProblemAsync(wrong, 403)).Str("detail").Should().Contain("Origin");
        wrong.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();

        await Http.ProblemAsync(await SendAsync(Visitor(key, origin: null), "visitor-0004", "hola"), 403);
        await Http.ProblemAsync(await SendAsync(Visitor(key, "null"), "visitor-0004", "hola"), 403);
        await Http.ProblemAsync(await SendAsync(Visitor(key, "https://shop.example.com.evil.io"), "visitor-0004", "hola"), 403);
        var crossSite = Visitor(key, origin: null);
        crossSite.DefaultRequestHeaders.Add("Sec-Fetch-Site", "cross-site");
        await Http.ProblemAsync(await crossSite.GetAsync("/api/widget/config"), 403);
        var sameOrigin = Visitor(key, origin: null);
        sameOrigin.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        // This server's own origin is not the shop's.
        await Http.ProblemAsync(await sameOrigin.GetAsync("/api/widget/config"), 403);
    }

    [Fact]
    public async Task A_page_of_this_server_reads_the_config_without_Origin_when_the_key_allows_this_server()
    {
        var (tenant, key) = await ClinicAsync(350_000m, "http://localhost");
        // Browsers send same-origin GETs without Origin but with Sec-Fetch-Site.
        var page = Visitor(key, origin: null);
        page.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");

        var config = await page.GetJsonAsync("/api/widget/config");

        config.Str("tenant").Should().Be(tenant.Slug);
        config.Str("language").Should().Be("es");
    }

    [Fact]
    public async Task A_public_key_is_refused_on_every_endpoint_but_the_widget_s()
    {
        var (_, key) = await ClinicAsync(350_000m);
        var visitor = Visitor(key);

        await Http.ProblemAsync(await visitor.PostAsync("/api/chat", Http.Json(new { message = "hola" })), 403);
        await Http.ProblemAsync(await visitor.GetAsync("/api/conversations"), 403);
        await Http.ProblemAsync(await visitor.GetAsync("/v1/models"), 403);
        await Http.ProblemAsync(await visitor.GetAsync("/api/products"), 403);
        await Http.ProblemAsync(await visitor.GetAsync("/api/api-keys"), 403);
        (await visitor.GetJsonAsync("/api/widget/config"))["primary_color"]!.GetValue<string>().Should().StartWith("#");
    }

    [Fact]
    public async Task A_secret_key_may_call_the_widget_endpoint_from_a_server_without_an_origin()
    {
        var (tenant, _) = await ClinicAsync(350_000m);

        var reply = await tenant.KeyClient().PostJsonAsync("/api/widget/messages", new { visitor_id = "server-visitor-1", message = "¿cuánto cuesta el botox?" }, 200);

        reply.Str("reply").Should().Contain("350.000 COP");
        await Http.ProblemAsync(await app.CreateClient().PostAsync("/api/widget/messages",
            Http.Json(new { visitor_id = "server-visitor-1", message = "hola" })), 401);
    }

    [Fact]
    public async Task Bad_visitor_ids_and_messages_are_400_problems_naming_the_field()
    {
        var (_, key) = await ClinicAsync(350_000m);
        var visitor = Visitor(key);

        async Task<JsonNode> Invalid(object body) =>
            (await Http.ProblemAsync(await visitor.PostAsync("/api/widget/messages", Http.Json(body)), 400))["errors"]!;

        (await Invalid(new { message = "hola" }))["visitor_id"].Should().NotBeNull();
        (await Invalid(new { visitor_id = "short", message = "hola" }))["visitor_id"].Should().NotBeNull();
        (await Invalid(new { visitor_id = new string('v', 65), message = "hola" }))["visitor_id"].Should().NotBeNull();
        (await Invalid(new { visitor_id = "visitor/../0001", message = "hola" }))["visitor_id"].Should().NotBeNull();
        (await Invalid(new { visitor_id = 12345678, message = "hola" }))["visitor_id"].Should().NotBeNull();
        (await Invalid(new { visitor_id = "visitor-0005" }))["message"].Should().NotBeNull();
        (await Invalid(new { visitor_id = "visitor-0005", message = "   " }))["message"].Should().NotBeNull();
        (await Invalid(new { visitor_id = "visitor-0005", message = new string('a', 2001) }))["message"].Should().NotBeNull();
        await Http.ProblemAsync(await visitor.PostAsync("/api/widget/messages", Http.Raw("{not json")), 400);
    }

    [Fact]
    public async Task A_visitor_who_floods_the_widget_gets_429_with_Retry_After_and_other_visitors_go_on()
    {
        var (_, key) = await ClinicAsync(350_000m);
        var visitor = Visitor(key);

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 40 && limited is null; i++)
        {
            var response = await SendAsync(visitor, "flooding-visitor", "hola " + i);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        limited.Should().NotBeNull("one visitor may send about 20 messages a minute");
        var problem = await Http.ProblemAsync(limited!, 429);
        problem.Str("type").Should().EndWith("/rate-limited");
        limited!.Headers.RetryAfter.Should().NotBeNull();
        limited.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(new[] { Shop }, "the widget can read the 429 and say so");
        await Http.ReadAsync(await SendAsync(visitor, "patient-visitor", "hola"), 200);
    }

    [Fact]
    public async Task A_preflight_is_answered_for_any_origin_but_the_real_request_only_for_the_key_s_origins()
    {
        var (_, key) = await ClinicAsync(350_000m);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/widget/messages");
        preflight.Headers.Add("Origin", "https://anywhere.example.net");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        var answer = await app.CreateClient().SendAsync(preflight);

        answer.StatusCode.Should().Be(HttpStatusCode.NoContent);
        answer.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://anywhere.example.net");
        answer.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Contain("POST");
        answer.Headers.GetValues("Access-Control-Allow-Headers").Single().ToLowerInvariant().Should().Contain("x-api-key").And.Contain("content-type");

        var allowed = await SendAsync(Visitor(key), "visitor-0006", "hola");
        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Shop);
        allowed.Headers.GetValues("Vary").Should().Contain(v => v.Contains("Origin"));

        using var chatPreflight = new HttpRequestMessage(HttpMethod.Options, "/api/chat");
        chatPreflight.Headers.Add("Origin", Shop);
        chatPreflight.Headers.Add("Access-Control-Request-Method", "POST");
        var chat = await app.CreateClient().SendAsync(chatPreflight);
        chat.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("only the widget endpoints speak CORS");
    }

    [Fact]
    public async Task Allowed_origins_are_stored_as_origins_and_paths_are_refused()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();

        var created = await owner.PostJsonAsync("/api/api-keys",
            new { name = "w", kind = "public", allowed_origins = new[] { "https://Shop.Example.com:443/", "http://localhost:8080" } }, 201);
        created["allowed_origins"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Equal("https://shop.example.com", "http://localhost:8080");
        var problem = await Http.ProblemAsync(await owner.PostAsync("/api/api-keys",
            Http.Json(new { name = "w", kind = "public", allowed_origins = new[] { "https://shop.example.com/store" } })), 400);
        problem["errors"]!["allowed_origins"].Should().NotBeNull();
        await Http.ProblemAsync(await owner.PostAsync("/api/api-keys",
            Http.Json(new { name = "w", kind = "public", allowed_origins = new[] { "ftp://shop.example.com" } })), 400);
    }

    [Fact]
    public async Task The_widget_script_is_served_as_javascript_with_an_ETag_that_revalidates()
    {
        var client = app.CreateClient();

        var response = await client.GetAsync("/widget.js");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/javascript");
        response.Headers.ETag.Should().NotBeNull();
        response.Headers.CacheControl!.Public.Should().BeTrue();
        var script = await response.Content.ReadAsStringAsync();
        script.Should().Contain("/api/widget/messages").And.Contain("attachShadow").And.NotContain("cdn");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/widget.js");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        (await client.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WidgetEndpointTestsOnSqlite(SqliteFactory app) : WidgetEndpointTests(app);

[Collection(PostgresCollection.Name)]
public sealed class WidgetEndpointTestsOnPostgres(PostgresFactory app) : WidgetEndpointTests(app);
