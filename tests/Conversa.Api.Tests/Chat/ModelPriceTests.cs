using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Models;
using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Engine;
using FluentAssertions;
using Xunit;

namespace Conversa.Api.Tests.Chat;

/// <summary>Every price in a reply must match the catalog, also when a model phrases the turn.</summary>
public abstract class ModelPriceTests(ConversaFactory app) : ChatModelTestBase(app)
{
    [Fact]
    public async Task A_model_reply_with_a_price_the_catalog_does_not_have_is_replaced_by_the_builtin_answer()
    {
        var tenant = await TenantWithBotoxAsync();
        OpenAi.ReplyText = "El botox cuesta 99.000 COP, ¡una ganga!";

        var reply = await AskAsync(tenant, "¿cuánto cuesta el botox?");

        reply.Str("reply").Should().NotContain("99.000").And.Contain("850.000 COP", "the builtin sales agent answers with the catalog's price");
        OpenAi.Requests.Should().NotBeEmpty("the model was asked first");
    }

    [Fact]
    public async Task A_model_reply_quoting_the_catalogs_price_is_kept()
    {
        var tenant = await TenantWithBotoxAsync();
        OpenAi.ReplyText = "Claro: el botox cuesta 850.000 COP por sesión.";

        var reply = await AskAsync(tenant, "¿cuánto cuesta el botox?");

        reply.Str("reply").Should().Be("Claro: el botox cuesta 850.000 COP por sesión.");
    }

    [Fact]
    public async Task A_streamed_reply_with_an_unknown_price_is_replaced_for_the_client_and_in_the_store()
    {
        var tenant = await TenantWithBotoxAsync();
        OpenAi.ReplyText = "El botox cuesta $ 12.345 hoy.";

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = Http.Json(new { message = "¿cuánto cuesta el botox?", contact_id = "sse" }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await tenant.KeyClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        body.Should().Contain("event: replace").And.Contain("event: done");
        var done = System.Text.Json.Nodes.JsonNode.Parse(body[(body.LastIndexOf("event: done", StringComparison.Ordinal) + "event: done\ndata: ".Length)..].Trim())!;
        done.Str("reply").Should().NotContain("12.345").And.Contain("850.000 COP");
    }

    [Theory]
    [InlineData("Cuesta 850.000 COP.", null)]
    [InlineData("It is $850,000.", null)]
    [InlineData("Son 1.250,50 USD en total.", null)]
    [InlineData("Cuesta 849.000 COP.", "849.000 COP")]
    [InlineData("Te espero a las 10:30 el 12/05, trae 2 fotos.", null)]
    [InlineData("La consulta cuesta $ 80.000 según la política.", null)]
    [InlineData("R$ 120,00 por sessão", "R$ 120,00")]
    public void Prices_are_checked_against_the_catalog_and_the_tools_results(string reply, string? unknown) =>
        PriceGuard.FirstUnknown(reply, [850_000m, 1_250.5m], ["""{"passage":"La consulta de valoración cuesta 80.000 COP."}"""])
            .Should().Be(unknown);

    private async Task<TestTenant> TenantWithBotoxAsync()
    {
        var tenant = await TenantAsync(OpenAiSettings());
        await (await tenant.OwnerClientAsync()).PostJsonAsync("/api/products",
            new { name = "Botox", sku = "BTX-1", category = "estética", price = 850_000m, currency = "COP", stock = 5 }, 201);
        return tenant;
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> AskAsync(TestTenant tenant, string message) =>
        await tenant.KeyClient().PostJsonAsync("/api/chat", new { message, contact_id = "ana" }, 200);
}

[Collection(SqliteCollection.Name)]
public sealed class ModelPriceTestsOnSqlite(SqliteFactory app) : ModelPriceTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ModelPriceTestsOnPostgres(PostgresFactory app) : ModelPriceTests(app);
