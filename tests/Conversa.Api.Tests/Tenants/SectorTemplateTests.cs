using System.Text.Json.Nodes;
using Conversa.Api.Features.Tenants.Templates;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Tenants;

/// <summary>
/// Sector templates end to end: a new tenant of a sector starts with the template's persona, greeting, agents, intents,
/// emergency keywords, catalog attributes and sample documents (its own settings merged over them, or none with
/// <c>template: false</c>), sector words route through <c>POST /api/chat</c>, <c>GET /api/templates</c> lists them and
/// <c>POST /api/tenant/template</c> applies one to an existing tenant — only the caller's.
/// </summary>
public abstract class SectorTemplateTests(ConversaFactory app)
{
    public static TheoryData<string> Sectors() => [.. SectorTemplateRoutingTests.Sectors];

    [Theory]
    [MemberData(nameof(Sectors))]
    public async Task A_tenant_of_each_sector_starts_with_its_template_settings_and_a_sample_document(string sector)
    {
        var template = SectorTemplates.Find(sector)!;
        var tenant = await app.CreateTenantAsync(extra: new { sector });
        var client = tenant.KeyClient();

        var settings = (await client.GetJsonAsync("/api/tenant"))["settings"]!;
        settings["assistant"]!.Str("persona").Should().Be(template.Persona.Es);
        settings["assistant"]!.Str("greeting").Should().StartWith("¡Hola! Soy el asistente virtual de Tenant " + tenant.Slug)
            .And.EndWith(template.Greeting.Es);
        settings["assistant"]!["agents_enabled"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal(template.AgentsEnabled);
        settings["intents"]!["examples"]!.AsArray().Should().HaveCount(template.Examples.Sum(e => e.All().Count()));
        settings["intents"]!["keywords"]!.AsArray().Should().HaveCount(template.Keywords.Sum(k => k.All().Count()));
        settings["catalog"]!["attributes"]!.AsArray().Select(a => a!.Str("name")).Should().Equal(template.Attributes.Select(a => a.Name));
        settings["emergency"]!["keywords"]!.AsArray().Select(k => k!.GetValue<string>()).Should().Equal(template.EmergencyKeywords);
        (settings["emergency"]!["use_defaults"]?.GetValue<bool>() ?? false).Should().Be(template.EmergencyDefaults);

        var documents = (await client.GetJsonAsync("/api/documents"))["items"]!.AsArray();
        documents.Should().ContainSingle();
        documents[0]!.Str("title").Should().Be(template.DocumentsIn("es").Single().Title);
        documents[0]!["metadata"]!["sample"]!.GetValue<bool>().Should().BeTrue();
        documents[0]!["chunks"]!.GetValue<int>().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_Portuguese_tenant_gets_persona_greeting_labels_and_documents_in_Portuguese()
    {
        var tenant = await app.CreateTenantAsync(extra: new { sector = "retail", language = "pt", settings = new { assistant = new { name = "Bia" } } });
        var client = tenant.KeyClient();

        var settings = (await client.GetJsonAsync("/api/tenant"))["settings"]!;
        settings["assistant"]!.Str("persona").Should().StartWith("Vendedor da loja");
        settings["assistant"]!.Str("greeting").Should().StartWith("Olá! Sou Bia.");
        settings["catalog"]!["attributes"]!.AsArray().Select(a => a!.Str("label")).Should().Contain(["Tamanhos", "Cores"]);
        (await client.GetJsonAsync("/api/documents"))["items"]!.AsArray().Single()!.Str("title").Should().Be("Perguntas frequentes da loja (exemplo)");

        var hello = await client.PostJsonAsync("/api/chat", new { message = "Olá, boa tarde", contact_id = "pt" }, 200);
        hello.Str("reply").Should().Be(settings["assistant"]!.Str("greeting"));
    }

    [Fact]
    public async Task At_a_car_dealer_sector_words_reach_the_intent_and_the_agent_that_answers_it()
    {
        var tenant = await app.CreateTenantAsync(extra: new { sector = "vehicles" });
        var client = tenant.KeyClient();
        var agents = await AgentsAsync(tenant);

        foreach (var (text, intent) in new[]
        {
            ("quiero agendar un test drive", "booking"),
            ("¿cuánto cuesta el Mazda 3?", "price"),
            ("¿está disponible el Mazda 3?", "product_query"),
            ("¿manejan financiación?", "knowledge_question"),
            ("¿qué papeles necesito para el traspaso?", "knowledge_question"),
        })
        {
            var reply = await client.PostJsonAsync("/api/chat", new { message = text, contact_id = "c-" + intent }, 200);
            reply.Str("intent").Should().Be(intent, text);
            reply.Str("agent").Should().Be(AgentFor(agents, intent), text);
        }
    }

    [Fact]
    public async Task The_request_s_own_settings_are_merged_over_the_template_and_win()
    {
        var tenant = await app.CreateTenantAsync(extra: new
        {
            sector = "clinic",
            settings = new
            {
                assistant = new { persona = "Directa y breve." },
                widget = new { greeting_message = "Bienvenida a la clínica." },
                catalog = new { attributes = new[] { new { name = "brand", type = "text", label = "Marca" } } },
            },
        });
        var client = tenant.KeyClient();

        var settings = (await client.GetJsonAsync("/api/tenant"))["settings"]!;
        settings["assistant"]!.Str("persona").Should().Be("Directa y breve.");
        settings["assistant"]!.Str("greeting").Should().BeEmpty("the tenant's own widget greeting is the greeting");
        settings["catalog"]!["attributes"]!.AsArray().Select(a => a!.Str("name")).Should().Equal("brand");
        settings["intents"]!["examples"]!.AsArray().Should().NotBeEmpty("what the request does not name comes from the template");
        (await client.PostJsonAsync("/api/chat", new { message = "hola", contact_id = "g" }, 200)).Str("reply").Should().Be("Bienvenida a la clínica.");

        var named = await app.CreateTenantAsync(extra: new { sector = "spa", settings = new { assistant = new { name = "Sofía" } } });
        var greeting = (await named.KeyClient().GetJsonAsync("/api/tenant"))["settings"]!["assistant"]!.Str("greeting");
        greeting.Should().Be("¡Hola! Soy Sofía. " + SectorTemplates.Find("spa")!.Greeting.Es);
    }

    [Fact]
    public async Task Template_false_creates_the_tenant_without_the_template()
    {
        var tenant = await app.CreateTenantAsync(extra: new { sector = "vehicles", template = false });
        var client = tenant.KeyClient();

        var body = await client.GetJsonAsync("/api/tenant");
        body.Str("sector").Should().Be("vehicles");
        body["settings"]!["intents"].Should().BeNull();
        body["settings"]!["catalog"].Should().BeNull();
        body["settings"]!["assistant"]!.Str("persona").Should().BeEmpty();
        body["settings"]!["assistant"]!.Str("greeting").Should().BeEmpty();
        (await client.GetJsonAsync("/api/documents"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_intents_greeting_emergency_flag_and_attributes_are_400_naming_each_field()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var problem = await Http.ProblemAsync(await owner.PatchAsync("/api/tenant", Http.Json(new
        {
            settings = new
            {
                assistant = new { greeting = new string('a', 1001) },
                emergency = new { use_defaults = "yes" },
                intents = new
                {
                    examples = new object[] { new { intent = "Price!", text = "¿cuánto?" }, new { intent = "emergency", text = "me desmayé" }, "hola" },
                    keywords = new object[] { new { intent = "price", phrase = "*", weight = 2 }, new { intent = "price", phrase = "vale", language = "fr" } },
                },
                catalog = new { attributes = new object[] { new { name = "Año", type = "date" } } },
            },
        })), 400);
        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.Should().Contain([
            "settings.assistant.greeting", "settings.emergency.use_defaults", "settings.intents.examples[0].intent",
            "settings.intents.examples[1].intent", "settings.intents.examples[2]", "settings.intents.keywords[0].phrase",
            "settings.intents.keywords[0].weight", "settings.intents.keywords[1].language", "settings.catalog.attributes[0].name",
            "settings.catalog.attributes[0].type",
        ]);

        var tooMany = Enumerable.Range(0, 501).Select(i => new { intent = "price", text = "precio " + i }).ToArray();
        (await Http.ProblemAsync(await owner.PatchAsync("/api/tenant", Http.Json(new { settings = new { intents = new { examples = tooMany } } })), 400))
            ["errors"]!["settings.intents.examples"].Should().NotBeNull();
        (await owner.GetJsonAsync("/api/tenant"))["settings"]!["intents"].Should().BeNull("nothing invalid is stored");

        var admin = await app.AdminClientAsync();
        var slug = "t-" + Guid.NewGuid().ToString("N")[..12];
        var refused = await Http.ProblemAsync(await admin.PostAsync("/api/admin/tenants", Http.Json(new
        {
            slug, name = "Bad", sector = "retail", settings = new { intents = new { keywords = new[] { new { intent = "", phrase = "talla" } } } },
        })), 400);
        refused["errors"]!["settings.intents.keywords[0].intent"].Should().NotBeNull();
        (await admin.GetAsync($"/api/admin/tenants/{slug}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_tenant_s_own_intent_names_and_keywords_are_accepted_and_used()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        await owner.PatchJsonAsync("/api/tenant", new
        {
            settings = new
            {
                assistant = new { greeting = "¡Hola! Bienvenido a la tienda." },
                intents = new
                {
                    keywords = new object[] { new { intent = "price", phrase = "combo familiar", weight = 0.9 }, new { intent = "warranty_claim", phrase = "garantia*" } },
                    examples = new[] { new { intent = "price", text = "¿en cuánto me deja el combo familiar?", language = "es" } },
                },
            },
        }, 200);

        var reply = await tenant.KeyClient().PostJsonAsync("/api/chat", new { message = "el combo familiar", contact_id = "k" }, 200);
        reply.Str("intent").Should().Be("price");
        (await tenant.KeyClient().PostJsonAsync("/api/chat", new { message = "hola", contact_id = "k2" }, 200)).Str("reply").Should().Be("¡Hola! Bienvenido a la tienda.");
    }

    [Fact]
    public async Task Templates_are_listed_for_signed_in_users_and_the_superadmin()
    {
        var tenant = await app.CreateTenantAsync();
        var listed = await (await tenant.OwnerClientAsync()).GetJsonAsync("/api/templates");
        var templates = listed["templates"]!.AsArray();
        templates.Select(t => t!.Str("sector")).Should().Equal(SectorTemplateRoutingTests.Sectors);
        var vehicles = templates.Single(t => t!.Str("sector") == "vehicles")!;
        vehicles["summary"]!.Str("es").Should().Contain("test drives");
        vehicles["attributes"]!.AsArray().Select(a => a!.Str("name")).Should().Contain(["year", "km", "fuel", "transmission"]);
        vehicles["documents"]!.AsArray().Select(d => d!.Str("language")).Should().BeEquivalentTo(["es", "pt", "en"]);
        vehicles["intent_examples"]!.GetValue<int>().Should().BeGreaterThan(10);
        templates.Single(t => t!.Str("sector") == "dental")!["emergency_keywords"]!.AsArray().Select(k => k!.GetValue<string>()).Should().Contain("absceso*");

        (await (await app.AdminClientAsync()).GetJsonAsync("/api/templates"))["templates"]!.AsArray().Should().HaveCount(7);
        (await tenant.KeyClient().GetAsync("/api/templates")).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync("/api/templates")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Applying_a_template_adds_its_intents_and_attributes_and_keeps_the_persona_and_the_tenant_s_own_entries()
    {
        var tenant = await app.CreateTenantAsync(extra: new
        {
            settings = new
            {
                assistant = new { persona = "Mi persona." },
                intents = new { examples = new[] { new { intent = "price", text = "¿en cuánto me deja el combo?" } } },
            },
        });
        var owner = await tenant.OwnerClientAsync();
        var template = SectorTemplates.Find("vehicles")!;
        var examples = template.Examples.Sum(e => e.All().Count());

        var applied = await owner.PostJsonAsync("/api/tenant/template", new { sector = "vehicles" }, 200);
        applied.Str("sector").Should().Be("vehicles");
        applied["added"]!["examples"]!.GetValue<int>().Should().Be(examples);
        applied["added"]!["attributes"]!.GetValue<int>().Should().Be(template.Attributes.Count);
        applied["documents_added"]!.GetValue<int>().Should().Be(0);
        var tenantView = applied["tenant"]!;
        tenantView.Str("sector").Should().Be("vehicles");
        tenantView["settings"]!["assistant"]!.Str("persona").Should().Be("Mi persona.");
        tenantView["settings"]!["intents"]!["examples"]!.AsArray().Should().HaveCount(examples + 1)
            .And.Contain(e => e!.Str("text") == "¿en cuánto me deja el combo?");
        (await owner.GetJsonAsync("/api/documents"))["items"]!.AsArray().Should().BeEmpty();
        (await tenant.KeyClient().PostJsonAsync("/api/chat", new { message = "quiero agendar un test drive", contact_id = "t" }, 200))
            .Str("intent").Should().Be("booking");

        var again = await owner.PostJsonAsync("/api/tenant/template", new { }, 200);
        again["added"]!.AsObject().Select(a => a.Value!.GetValue<int>()).Should().OnlyContain(n => n == 0, "applying twice adds nothing twice");

        var full = await owner.PostJsonAsync("/api/tenant/template", new { documents = true, persona = true }, 200);
        full["documents_added"]!.GetValue<int>().Should().Be(1);
        full["tenant"]!["settings"]!["assistant"]!.Str("persona").Should().Be(template.Persona.Es);
        (await owner.PostJsonAsync("/api/tenant/template", new { documents = true }, 200))["documents_added"]!.GetValue<int>().Should().Be(0);
        (await owner.GetJsonAsync("/api/documents"))["items"]!.AsArray().Should().ContainSingle();

        var replaced = await owner.PostJsonAsync("/api/tenant/template", new { replace = true }, 200);
        replaced["tenant"]!["settings"]!["intents"]!["examples"]!.AsArray().Should().HaveCount(examples)
            .And.NotContain(e => e!.Str("text") == "¿en cuánto me deja el combo?");
    }

    [Fact]
    public async Task Applying_a_template_changes_only_the_caller_s_tenant()
    {
        var mine = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var before = (await other.KeyClient().GetJsonAsync("/api/tenant")).ToJsonString();

        await mine.KeyClient().PostJsonAsync("/api/tenant/template", new { sector = "dental", documents = true }, 200);

        (await other.KeyClient().GetJsonAsync("/api/tenant")).ToJsonString().Should().Be(before);
        (await other.KeyClient().GetJsonAsync("/api/documents"))["items"]!.AsArray().Should().BeEmpty();
        (await mine.KeyClient().GetJsonAsync("/api/documents"))["items"]!.AsArray().Should().ContainSingle();
        var emergency = await other.KeyClient().PostJsonAsync("/api/chat", new { message = "se me partió un diente", contact_id = "d" }, 200);
        emergency.Str("agent").Should().NotBe("emergency");
        (await mine.KeyClient().PostJsonAsync("/api/chat", new { message = "se me partió un diente", contact_id = "d" }, 200))
            .Str("agent").Should().Be("emergency");
    }

    [Fact]
    public async Task Bad_apply_requests_are_problems()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        (await Http.ProblemAsync(await client.PostAsync("/api/tenant/template", Http.Json(new { sector = "bakery" })), 400))["errors"]!["sector"]
            .Should().NotBeNull();
        (await Http.ProblemAsync(await client.PostAsync("/api/tenant/template", Http.Json(new { })), 400))["errors"]!["sector"]
            .Should().NotBeNull("a general tenant has no template of its own");
        await Http.ProblemAsync(await client.PostAsync("/api/tenant/template", Http.Raw("{not json")), 400);
        (await app.CreateClient().PostAsync("/api/tenant/template", Http.Json(new { sector = "retail" }))).StatusCode
            .Should().Be(System.Net.HttpStatusCode.Unauthorized);

        var owner = await tenant.OwnerClientAsync();
        await owner.PostJsonAsync("/api/users", new { email = $"agent-{tenant.Slug}@example.com", name = "Agent", role = "agent", password = "agent-password" }, 201);
        var agent = app.ClientWithToken(await Http.LoginAsync(app.CreateClient(), $"agent-{tenant.Slug}@example.com", "agent-password"));
        (await agent.PostAsync("/api/tenant/template", Http.Json(new { sector = "retail" }))).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
        (await client.GetJsonAsync("/api/tenant")).Str("sector").Should().Be("general");
    }

    [Fact]
    public async Task Settings_stored_before_entries_were_validated_are_reported_not_a_500()
    {
        var tenant = await app.CreateTenantAsync();
        await app.Services.GetRequiredService<TenantScope>().RunDbAsync(tenant.Id, async db =>
        {
            var row = await db.Tenants.FirstAsync(t => t.Id == tenant.Id);
            row.SettingsJson = """{"intents": {"examples": ["hola", {"intent": "price", "text": "precio"}]}, "catalog": {"attributes": [7]}}""";
            await db.SaveChangesAsync();
        });

        var problem = await Http.ProblemAsync(await tenant.KeyClient().PostAsync("/api/tenant/template", Http.Json(new { sector = "retail" })), 400);
        problem["errors"]!["settings.intents.examples[0]"].Should().NotBeNull();
        problem["errors"]!["settings.catalog.attributes[0]"].Should().NotBeNull();
        (await tenant.KeyClient().GetJsonAsync("/api/tenant")).Str("sector").Should().Be("general", "nothing is stored");
    }

    private async Task<IReadOnlyList<IAgent>> AgentsAsync(TestTenant tenant) =>
        await app.Services.GetRequiredService<TenantScope>().RunAsync<IReadOnlyList<IAgent>>(
            tenant.Id, services => Task.FromResult<IReadOnlyList<IAgent>>([.. services.GetServices<IAgent>()]));

    /// <summary>The agent the router hands an intent to at a tenant with every agent enabled: the one that declares it, else support, else router.</summary>
    private static string AgentFor(IReadOnlyList<IAgent> agents, string intent) =>
        agents.FirstOrDefault(a => a.Name != AgentNames.Router && a.Intents.Contains(intent))?.Name
        ?? (agents.Any(a => a.Name == AgentNames.Support) ? AgentNames.Support : AgentNames.Router);
}

[Collection(SqliteCollection.Name)]
public sealed class SectorTemplateTestsOnSqlite(SqliteFactory app) : SectorTemplateTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SectorTemplateTestsOnPostgres(PostgresFactory app) : SectorTemplateTests(app);
