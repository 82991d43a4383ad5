using System.Net;
using System.Text.Json;
using Conversa.Api.Tests.Catalog;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Conversa.Core.Language;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// The builtin sales agent through <c>POST /api/chat</c>: exact catalog prices in three languages, stock, attributes,
/// similar products, a tagged short link that redirects, services priced like products, category lists, several
/// matches listed, the knowledge base when the catalog has nothing, an honest "not in the catalog" with a person
/// offered, and never another tenant's products.
/// </summary>
public abstract class SalesAgentTests(ConversaFactory app)
{
    private async Task<(TestTenant Tenant, HttpClient Client)> DealerAsync()
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "COP", language = "es" });
        var client = tenant.KeyClient();
        await client.CreateProductAsync(new
        {
            name = "Toyota RAV4 2021", sku = "RAV4-21", category = "SUV", price = 125_000_000m, stock = 2,
            attributes = new { año = 2021, km = 45_000, combustible = "gasolina" }, url = "https://autos.example.com/rav4?ref=web",
        });
        await client.CreateProductAsync(new { name = "Mazda CX-5 2022", category = "SUV", price = 118_500_000m, stock = 0, attributes = new { año = 2022, km = 12_000 } });
        await client.CreateProductAsync(new { name = "Kia Sportage 2020", category = "SUV", price = 98_900_000.5m, stock = 1 });
        await client.CreateProductAsync(new { name = "Chevrolet Onix 2023", category = "Sedán", price = 67_900_000m, stock = 4 });
        await client.CreateProductAsync(new { name = "Renault Duster 2019", category = "SUV", price = 55_000_000m, active = false });
        return (tenant, client);
    }

    private static readonly decimal[] DealerPrices = [125_000_000m, 118_500_000m, 98_900_000.5m, 67_900_000m];

    [Fact]
    public async Task A_price_question_gets_the_exact_price_stock_attributes_similar_products_and_a_short_link()
    {
        var (_, client) = await DealerAsync();

        var reply = await client.ChatAsync("¿Cuánto cuesta la toyota rav4?", "ana");

        reply.Str("agent").Should().Be("sales");
        reply.Str("intent").Should().Be("price");
        reply.Reply().Should().Contain("Toyota RAV4 2021: 125.000.000 COP").And.Contain("Quedan 2 disponibles")
            .And.Contain("año: 2021").And.Contain("km: 45000").And.Contain("combustible: gasolina");
        reply.Reply().Should().Contain("También te puede interesar").And.Contain("Mazda CX-5 2022: 118.500.000 COP (agotado)")
            .And.Contain("Kia Sportage 2020: 98.900.000,50 COP").And.NotContain("Onix", "similar products share the category")
            .And.NotContain("Duster", "inactive products are not offered");
        reply.QuotesOnly(DealerPrices);

        var link = reply.ActionsOf("link").Should().ContainSingle().Subject;
        var url = link["url"]!.GetValue<string>();
        url.Should().MatchRegex("^http://localhost/l/[A-Za-z0-9]+$");
        reply.Reply().Should().Contain(url);
        var products = await client.GetJsonAsync("/api/products?q=rav4");
        link["product_id"]!.GetValue<string>().Should().Be(products["items"]![0]!.Str("id"));

        var noRedirects = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var followed = await noRedirects.GetAsync(new Uri(url).AbsolutePath);
        followed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        followed.Headers.Location!.OriginalString.Should().Be(
            "https://autos.example.com/rav4?ref=web&utm_source=conversa&utm_medium=chat&utm_campaign=sales");

        var again = await client.ChatAsync("precio toyota rav4", "ben");
        again.ActionsOf("link").Single()["url"]!.GetValue<string>().Should().Be(url, "one link per page is reused");
        (await client.GetJsonAsync("/api/links"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Category_questions_list_the_category_with_prices_in_the_customer_s_language()
    {
        var (_, client) = await DealerAsync();

        var english = await client.ChatAsync("What SUVs do you have?", "john");
        english.Str("agent").Should().Be("sales");
        english.Str("language").Should().Be("en");
        english.Reply().Should().StartWith("In SUV we have:")
            .And.Contain("• Toyota RAV4 2021: 125,000,000 COP").And.Contain("• Kia Sportage 2020: 98,900,000.50 COP")
            .And.Contain("• Mazda CX-5 2022: 118,500,000 COP (out of stock)").And.NotContain("Onix").And.NotContain("Duster");
        english.QuotesOnly(DealerPrices);

        var spanish = await client.ChatAsync("¿qué tienen en sedan?", "lu");
        spanish.Reply().Should().Contain("En Sedán tenemos:").And.Contain("Chevrolet Onix 2023: 67.900.000 COP").And.NotContain("RAV4");
        spanish.QuotesOnly(DealerPrices);
    }

    [Fact]
    public async Task A_clinic_s_services_are_priced_like_products_and_a_long_category_shows_five()
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "COP" });
        var client = tenant.KeyClient();
        await client.PostJsonAsync("/api/services", new { name = "Botox", duration_minutes = 30, price = 850_000 }, 201);
        await client.PostJsonAsync("/api/services", new { name = "Valoración", duration_minutes = 20 }, 201);
        var facials = new[] { ("Limpieza facial profunda", 180_000m), ("Hidrafacial", 250_000m), ("Peeling facial", 210_000m),
            ("Mascarilla de oro", 95_000m), ("Microdermoabrasión", 160_000m), ("Radiofrecuencia facial", 300_000m) };
        foreach (var (name, price) in facials)
        {
            await client.CreateProductAsync(new { name, category = "Faciales", price });
        }
        var prices = facials.Select(f => f.Item2).Append(850_000m).ToArray();

        var botox = await client.ChatAsync("Hola, ¿cuánto cuesta el botox?", "c1");
        botox.Str("agent").Should().Be("sales");
        botox.Reply().Should().Contain("Botox: 850.000 COP (30 min)");
        botox.QuotesOnly(prices);
        botox.ActionsOf("link").Should().BeEmpty("a service has no page");

        var typo = await client.ChatAsync("cuanto vale la limpiesa fasial profunda", "c2");
        typo.Reply().Should().Contain("Limpieza facial profunda: 180.000 COP");
        typo.QuotesOnly(prices);

        var category = await client.ChatAsync("¿Qué tienen en faciales?", "c3");
        category.Reply().Should().Contain("Estos son 5 de los 6 que tenemos en Faciales:");
        category.Reply().Split('\n').Count(l => l.StartsWith('•')).Should().Be(5);
        category.QuotesOnly(prices);

        var unpriced = await client.ChatAsync("precio de la valoración", "c4");
        unpriced.Reply().Should().Contain("Valoración: precio a consultar con el equipo (20 min)");
        unpriced.QuotedPrices().Should().BeEmpty("a service without a price gets none invented");
    }

    [Fact]
    public async Task Portuguese_stock_and_several_matches_for_a_price_question_are_listed()
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "BRL", language = "pt" });
        var client = tenant.KeyClient();
        await client.CreateProductAsync(new { name = "Protetor solar FPS 50", category = "Pele", price = 89.9m, stock = 3 });
        await client.CreateProductAsync(new { name = "Protetor solar FPS 30", category = "Pele", price = 69.9m, stock = 0 });
        await client.CreateProductAsync(new { name = "Sérum vitamina C", category = "Pele", price = 149m, stock = 12 });

        var one = await client.ChatAsync("Quanto custa o protetor solar FPS 50?", "p1");
        one.Str("language").Should().Be("pt");
        one.Reply().Should().Contain("Protetor solar FPS 50: 89,90 BRL").And.Contain("Restam 3 em estoque");
        one.QuotesOnly(89.9m, 69.9m, 149m);

        var several = await client.ChatAsync("qual o preço do protetor solar?", "p2");
        several.Reply().Should().Contain("Encontrei estas opções:").And.Contain("• Protetor solar FPS 50: 89,90 BRL")
            .And.Contain("• Protetor solar FPS 30: 69,90 BRL (esgotado)").And.NotContain("Sérum");
        several.QuotesOnly(89.9m, 69.9m, 149m);
    }

    [Fact]
    public async Task What_the_catalog_lacks_comes_from_the_knowledge_base_with_its_source()
    {
        var tenant = await app.CreateTenantAsync(extra: new { currency = "USD" });
        var client = tenant.KeyClient();
        await client.CreateProductAsync(new { name = "Crema hidratante", price = 30m });
        var document = await client.PostJsonAsync("/api/documents", new
        {
            content = "# Precios\n\n## Mesoterapia\n\nLa mesoterapia capilar contra la caída del cabello cuesta 110 USD por sesión. Se recomiendan cuatro sesiones.\n",
            content_type = "text/markdown",
        }, 201);

        var reply = await client.ChatAsync("¿cuánto cuesta la mesoterapia capilar?", "k1");

        reply.Str("agent").Should().Be("sales");
        reply.Reply().Should().Contain("cuesta 110 USD por sesión").And.Contain("Fuente: Precios > Mesoterapia");
        var source = reply["sources"]!.AsArray().Should().ContainSingle().Subject!;
        source.Str("document_id").Should().Be(document.Str("id"));
        source.Str("heading_path").Should().Be("Precios > Mesoterapia");
    }

    [Fact]
    public async Task What_nobody_has_is_said_honestly_with_a_person_offered_and_a_yes_hands_off()
    {
        var (_, client) = await DealerAsync();

        var reply = await client.ChatAsync("¿cuánto cuesta un helicóptero?", "h1");

        reply.Str("agent").Should().Be("sales");
        reply.Reply().Should().Contain("No encontré «helicoptero» en nuestro catálogo").And.Contain("persona del equipo");
        reply.QuotedPrices().Should().BeEmpty();
        reply["handoff"]!.GetValue<bool>().Should().BeFalse();

        var yes = await client.ChatAsync("sí, por favor", "h1");
        yes.Str("agent").Should().Be("human");
        yes["handoff"]!.GetValue<bool>().Should().BeTrue();

        var english = await client.ChatAsync("do you have motorbikes?", "h2");
        english.Reply().Should().Contain("I couldn't find \"motorbikes\" in our catalog").And.Contain("someone from the team");
        var declined = await client.ChatAsync("no, thanks", "h2");
        declined["handoff"]!.GetValue<bool>().Should().BeFalse();
        declined.Reply().Should().Contain("still here to help");
    }

    [Fact]
    public async Task Another_tenant_s_products_never_appear_in_a_reply()
    {
        var (_, mine) = await DealerAsync();
        var other = await app.CreateTenantAsync(extra: new { currency = "USD" });
        await other.KeyClient().CreateProductAsync(new
        {
            name = "Lamborghini Huracán", category = "SUV", price = 250_000m, stock = 1, url = "https://other.example.com/huracan",
        });
        await other.KeyClient().PostJsonAsync("/api/documents", new
        {
            content = "# Lamborghini\n\nEl Lamborghini Huracán cuesta 250000 USD y se entrega en 30 días.\n", content_type = "text/markdown",
        }, 201);

        var asked = await mine.ChatAsync("¿cuánto cuesta el lamborghini huracan?", "x1");
        asked.Reply().Should().Contain("No encontré").And.NotContainAny("Lamborghini Huracán", "Huracán", "250.000", "250000", "other.example.com");
        asked["sources"]!.AsArray().Should().BeEmpty();
        asked.ActionsOf("link").Should().BeEmpty();

        var category = await mine.ChatAsync("what SUVs do you have?", "x2");
        category.Reply().Should().NotContain("Lamborghini");
        category.QuotesOnly(DealerPrices);
    }

    [Fact]
    public async Task The_tools_return_exact_prices_and_passages_of_the_turn_s_tenant_and_record_links_and_sources()
    {
        var (tenant, client) = await DealerAsync();
        var document = await client.PostJsonAsync("/api/documents", new
        {
            content = "# Concesionario\n\n## Financiación\n\nFinanciamos hasta 72 meses con una cuota inicial desde el 10%. Los carros usados tienen garantía de 12 meses.\n",
            content_type = "text/markdown",
        }, 201);
        var other = await app.CreateTenantAsync();
        await other.KeyClient().CreateProductAsync(new { name = "Toyota RAV4 2024", category = "SUV", price = 1m });
        var conversationId = Guid.Parse((await client.ChatAsync("hola", "tools")).Str("conversation_id"));

        var (rav4, suvs, passages, nothing, effects) = await app.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId);
            var turn = new AgentTurn
            {
                Text = "",
                Tokens = [],
                Language = "es",
                Prediction = IntentClassifier.Default.Classify(""),
                Context = await db.ContactContexts.AsNoTracking().SingleAsync(c => c.ContactId == conversation.ContactId),
                Profile = AssistantProfile.From(tenant.Id, tenant.Slug, "T", "vehicles", "America/Bogota", "es", "COP", "{}"),
                Conversation = conversation,
                Contact = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == conversation.ContactId),
                Now = SystemClock.Instance.GetCurrentInstant(),
            };
            var sales = services.GetServices<IAgentTools>().Where(t => t.Agents.Contains(AgentNames.Sales)).SelectMany(t => t.Create(turn)).ToDictionary(f => f.Name);
            sales.Keys.Should().Contain(["search_products", "search_knowledge"]);
            var support = services.GetServices<IAgentTools>().Where(t => t.Agents.Contains(AgentNames.Support)).SelectMany(t => t.Create(turn)).ToList();
            support.Select(f => f.Name).Should().Contain("search_knowledge").And.NotContain("search_products");

            var one = await sales["search_products"].InvokeAsync(new AIFunctionArguments { ["query"] = "toyota rav4" });
            var category = await sales["search_products"].InvokeAsync(new AIFunctionArguments { ["query"] = "suv" });
            var found = await sales["search_knowledge"].InvokeAsync(new AIFunctionArguments { ["query"] = "¿a cuántos meses financian?" });
            var none = await sales["search_knowledge"].InvokeAsync(new AIFunctionArguments { ["query"] = "¿venden bicicletas?" });
            return (JsonSerializer.SerializeToNode(one)!, JsonSerializer.SerializeToNode(category)!, JsonSerializer.SerializeToNode(found)!,
                JsonSerializer.SerializeToNode(none)!, turn.Effects);
        });

        rav4.Str("match").Should().Be("one");
        var item = rav4["items"]!.AsArray().Should().ContainSingle().Subject!;
        item.Str("name").Should().Be("Toyota RAV4 2021");
        item["price"]!.GetValue<decimal>().Should().Be(125_000_000m);
        item.Str("currency").Should().Be("COP");
        item.Str("price_text").Should().Be("125.000.000 COP");
        item["stock"]!.GetValue<int>().Should().Be(2);
        item.Str("link").Should().MatchRegex("/l/[A-Za-z0-9]+$");
        effects.Actions.Should().ContainSingle(a => a.Type == "link").Which.Data["url"]!.GetValue<string>().Should().Be(item.Str("link"));

        suvs.Str("match").Should().Be("category");
        suvs["items"]!.AsArray().Select(i => i!["price"]!.GetValue<decimal>()).Should().BeEquivalentTo([125_000_000m, 118_500_000m, 98_900_000.5m],
            "the other tenant's RAV4 is never among them");

        var passage = passages.AsArray().Should().ContainSingle().Subject!;
        passage.Str("heading").Should().Be("Concesionario > Financiación");
        passage.Str("text").Should().Contain("72 meses");
        nothing.AsArray().Should().BeEmpty();
        effects.Sources.Should().ContainSingle().Which.DocumentId.Should().Be(Guid.Parse(document.Str("id")));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SalesAgentTestsOnSqlite(SqliteFactory app) : SalesAgentTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SalesAgentTestsOnPostgres(PostgresFactory app) : SalesAgentTests(app);
