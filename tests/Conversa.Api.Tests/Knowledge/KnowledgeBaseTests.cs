using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Knowledge;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Knowledge;

public abstract class KnowledgeBaseTests(ConversaFactory app)
{
    private const string ClinicMarkdown = """
        # Precios

        Todos los precios incluyen impuestos.

        ## Botox

        El botox cuesta 250 USD por zona y el efecto dura de 4 a 6 meses.

        ## Depilación láser

        La depilación láser de piernas completas cuesta 120 USD por sesión.

        # Horarios

        Atendemos de lunes a viernes de 8:00 a 18:00 y los sábados de 9:00 a 13:00.
        """;

    private static Task<JsonNode> SearchAsync(HttpClient client, string query, int? topK = null) =>
        client.PostJsonAsync("/api/documents/search", topK is null ? new { query } : new { query, top_k = topK }, 200);

    private static async Task<JsonNode> AddAsync(HttpClient client, object body) => await client.PostJsonAsync("/api/documents", body, 201);

    [Fact]
    public async Task A_markdown_document_is_chunked_by_headings_and_found_by_meaning()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();

        var created = await AddAsync(client, new { content = ClinicMarkdown, content_type = "text/markdown", metadata = new { source = "web" } });
        created["title"]!.GetValue<string>().Should().Be("Precios");
        created["chunks"]!.GetValue<int>().Should().Be(4);
        created["status"]!.GetValue<string>().Should().Be("indexed");

        var results = await SearchAsync(client, "cuanto cuesta el botox");
        results["query"]!.GetValue<string>().Should().Be("cuanto cuesta el botox");
        results["results_count"]!.GetValue<int>().Should().BeGreaterThan(0);
        var top = results["results"]![0]!;
        top["heading"]!.GetValue<string>().Should().Be("Precios > Botox");
        top["text"]!.GetValue<string>().Should().Contain("250 USD");
        top["document_id"]!.GetValue<string>().Should().Be(created["id"]!.GetValue<string>());
        top["title"]!.GetValue<string>().Should().Be("Precios");
        top["chunk_id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        top["score"]!.GetValue<double>().Should().BeGreaterThan(0);

        // Typos and missing accents still find the passage.
        (await SearchAsync(client, "depilasion laser piernas"))["results"]![0]!["heading"]!.GetValue<string>().Should().Be("Precios > Depilación láser");
        (await SearchAsync(client, "horario sabado"))["results"]![0]!["heading"]!.GetValue<string>().Should().Be("Horarios");
        (await SearchAsync(client, "botox", topK: 1))["results_count"]!.GetValue<int>().Should().Be(1);

        var detail = await client.GetJsonAsync($"/api/documents/{created["id"]}");
        detail["chunks"]!.GetValue<int>().Should().Be(4);
        detail["content_type"]!.GetValue<string>().Should().Be("text/markdown");
        detail["metadata"]!["source"]!.GetValue<string>().Should().Be("web");
        detail["created_at"]!.GetValue<DateTime>().Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1));

        await AddAsync(client, new { title = "Parqueadero", content = "Tenemos parqueadero gratuito." });
        var list = await client.GetJsonAsync("/api/documents?limit=1");
        list["total"]!.GetValue<int>().Should().Be(2);
        list["items"]!.AsArray().Should().ContainSingle().Which!["title"]!.GetValue<string>().Should().Be("Parqueadero");
        list["next_cursor"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Every_upload_type_is_read_and_searchable()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();

        var txt = await Http.ReadAsync(await client.PostAsync("/api/documents", DocumentFiles.Upload(
            Encoding.UTF8.GetBytes("Politica de cancelacion\n\nCancelaciones con 24 horas de anticipacion no tienen costo."), "politicas.txt", "text/plain")), 201);
        txt["title"]!.GetValue<string>().Should().Be("politicas");

        var md = await Http.ReadAsync(await client.PostAsync("/api/documents", DocumentFiles.Upload(
            Encoding.UTF8.GetBytes("# Cuidados posteriores\n\n- Evitar el sol por 48 horas\n- Usar protector solar"), "cuidados.md", "text/markdown")), 201);
        md["title"]!.GetValue<string>().Should().Be("Cuidados posteriores");

        var html = await Http.ReadAsync(await client.PostAsync("/api/documents", DocumentFiles.Upload(Encoding.UTF8.GetBytes("""
            <html><head><title>Ubicación</title><style>.x{color:red}</style></head>
            <body><script>var secretoscript = 1;</script><h1>Dónde estamos</h1><p>Calle 93 número 15, Bogotá, frente al parque.</p></body></html>
            """), "ubicacion.html", "text/html")), 201);
        html["title"]!.GetValue<string>().Should().Be("Ubicación");

        var csv = await Http.ReadAsync(await client.PostAsync("/api/documents", DocumentFiles.Upload(
            Encoding.UTF8.GetBytes("servicio,precio,duracion\nMasaje relajante,80 USD,60 minutos\nHidrafacial,150 USD,45 minutos\n"), "tarifas.csv", "text/csv")), 201);
        csv["chunks"]!.GetValue<int>().Should().BeGreaterThan(0);

        var docx = await Http.ReadAsync(await client.PostAsync("/api/documents", DocumentFiles.Upload(
            DocumentFiles.Docx("Promociones", "En diciembre la mesoterapia tiene 20% de descuento."), "promo.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")), 201);
        docx["title"]!.GetValue<string>().Should().Be("Promociones");

        (await SearchAsync(client, "cancelar 24 horas"))["results"]![0]!["document_id"]!.GetValue<string>().Should().Be(txt["id"]!.GetValue<string>());
        (await SearchAsync(client, "protector solar"))["results"]![0]!["document_id"]!.GetValue<string>().Should().Be(md["id"]!.GetValue<string>());
        (await SearchAsync(client, "direccion calle bogota"))["results"]![0]!["document_id"]!.GetValue<string>().Should().Be(html["id"]!.GetValue<string>());
        (await SearchAsync(client, "secretoscript"))["results_count"]!.GetValue<int>().Should().Be(0, "scripts are not text");
        (await SearchAsync(client, "hidrafacial precio"))["results"]![0]!["text"]!.GetValue<string>().Should().Contain("150 USD");
        (await SearchAsync(client, "mesoterapia descuento"))["results"]![0]!["document_id"]!.GetValue<string>().Should().Be(docx["id"]!.GetValue<string>());
        (await SearchAsync(client, "peeling"))["results"]![0]!["text"]!.GetValue<string>().Should().Contain("90 USD", "docx tables are read");

        var pdf = DocumentFiles.Upload(DocumentFiles.Pdf("Garantia de satisfaccion de 30 dias en tratamientos faciales"), "garantia.pdf", "application/pdf");
        if (DocumentFiles.PdfToTextInstalled)
        {
            var created = await Http.ReadAsync(await client.PostAsync("/api/documents", pdf), 201);
            created["title"]!.GetValue<string>().Should().Be("garantia");
            (await SearchAsync(client, "garantia satisfaccion"))["results"]![0]!["document_id"]!.GetValue<string>().Should().Be(created["id"]!.GetValue<string>());
        }
        else
        {
            var problem = await Http.ProblemAsync(await client.PostAsync("/api/documents", pdf), 415);
            problem["detail"]!.GetValue<string>().Should().Contain("pdftotext");
        }
    }

    [Fact]
    public async Task A_deleted_document_is_never_found_after_its_delete_returns()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        var keep = await AddAsync(client, new { title = "Horarios", content = "Abrimos de lunes a viernes." });
        var doomed = await AddAsync(client, new { title = "Promo", content = "La criolipólisis tiene 30% de descuento este mes." });
        (await SearchAsync(client, "criolipolisis"))["results_count"]!.GetValue<int>().Should().Be(1);

        (await client.DeleteAsync($"/api/documents/{doomed["id"]}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var after = await SearchAsync(client, "criolipolisis descuento");
        after.ToJsonString().Should().NotContain(doomed["id"]!.GetValue<string>());
        after["results"]!.ToJsonString().Should().NotContain("criolip");
        await Http.ProblemAsync(await client.GetAsync($"/api/documents/{doomed["id"]}"), 404);
        await Http.ProblemAsync(await client.DeleteAsync($"/api/documents/{doomed["id"]}"), 404);
        (await SearchAsync(client, "lunes viernes"))["results"]![0]!["document_id"]!.GetValue<string>().Should().Be(keep["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_is_a_clear_4xx()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();

        (await Http.ProblemAsync(await client.PostAsync("/api/documents", Http.Json(new { content = "  " })), 400))["errors"]!["content"].Should().NotBeNull();
        (await Http.ProblemAsync(await client.PostAsync("/api/documents", Http.Json(new { content = "x", content_type = "application/pdf" })), 400))["errors"]!["content_type"].Should().NotBeNull();
        (await Http.ProblemAsync(await client.PostAsync("/api/documents", Http.Json(new { content = "x", metadata = new[] { 1 } })), 400))["errors"]!["metadata"].Should().NotBeNull();
        await Http.ProblemAsync(await client.PostAsync("/api/documents", Http.Raw("{\"content\": ")), 400);
        await Http.ProblemAsync(await client.PostAsync("/api/documents", Http.Raw("<html><script>x()</script></html>", "text/html")), 415);
        await Http.ProblemAsync(await client.PostAsync("/api/documents", Http.Json(new { content = "<script>only()</script>", content_type = "text/html" })), 400);
        await Http.ProblemAsync(await client.PostAsync("/api/documents", Http.Json(new { content = new string('a', 1_100_000) })), 413);

        var exe = await Http.ProblemAsync(await client.PostAsync("/api/documents", DocumentFiles.Upload([0x4d, 0x5a, 0x90], "setup.exe", "application/octet-stream")), 415);
        exe["detail"]!.GetValue<string>().Should().Contain("docx");
        await Http.ProblemAsync(await client.PostAsync("/api/documents", DocumentFiles.Upload([], "empty.txt", "text/plain")), 400);
        await Http.ProblemAsync(await client.PostAsync("/api/documents", DocumentFiles.Upload([1, 2, 3], "broken.docx", "application/octet-stream")), 422);
        await Http.ProblemAsync(await client.PostAsync("/api/documents", DocumentFiles.Upload(new byte[21 * 1024 * 1024], "big.txt", "text/plain")), 413);
        await Http.ProblemAsync(await client.PostAsync("/api/documents", DocumentFiles.Upload(Encoding.UTF8.GetBytes("hola"), "a.txt", "text/plain", metadata: "[1]")), 400);

        await Http.ProblemAsync(await client.PostAsync("/api/documents/search", Http.Json(new { query = "" })), 400);
        await Http.ProblemAsync(await client.PostAsync("/api/documents/search", Http.Json(new { query = "x", top_k = 0 })), 400);
        await Http.ProblemAsync(await client.PostAsync("/api/documents/search", Http.Json(new { query = "x", top_k = 51 })), 400);
        await Http.ProblemAsync(await client.PostAsync("/api/documents/search", Http.Raw("not json")), 400);
        (await client.GetAsync("/api/documents/not-a-guid")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SearchAsync(client, "nada"))["results_count"]!.GetValue<int>().Should().Be(0, "an empty knowledge base answers with no results");
    }

    [Fact]
    public async Task Agents_read_and_search_but_only_managers_change_documents()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var created = await AddAsync(owner, new { content = "Aceptamos tarjetas de crédito y transferencias." });
        var email = $"agent-{tenant.Slug}@example.com";
        await owner.PostJsonAsync("/api/users", new { email, name = "Agent", role = "agent", password = "agent-password" }, 201);
        var agent = app.ClientWithToken(await Http.LoginAsync(app.CreateClient(), email, "agent-password"));

        (await agent.GetJsonAsync("/api/documents"))["total"]!.GetValue<int>().Should().Be(1);
        (await agent.GetJsonAsync($"/api/documents/{created["id"]}"))["title"].Should().NotBeNull();
        (await SearchAsync(agent, "tarjeta credito"))["results_count"]!.GetValue<int>().Should().Be(1);
        await Http.ProblemAsync(await agent.PostAsync("/api/documents", Http.Json(new { content = "x" })), 403);
        await Http.ProblemAsync(await agent.DeleteAsync($"/api/documents/{created["id"]}"), 403);
        await Http.ProblemAsync(await agent.PostAsync("/api/documents/reindex", null), 403);
        await Http.ProblemAsync(await app.CreateClient().PostAsync("/api/documents/search", Http.Json(new { query = "x" })), 401);
    }

    [Fact]
    public async Task Health_reports_the_index_and_a_broken_index_repairs_itself()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        (await client.GetJsonAsync("/api/tenant/health"))["knowledge_index"]!["status"]!.GetValue<string>().Should().Be("empty");

        await AddAsync(client, new { content = ClinicMarkdown, content_type = "text/markdown" });
        await AddAsync(client, new { title = "Pagos", content = "Aceptamos tarjetas y transferencias." });
        (await client.GetJsonAsync("/api/tenant/health"))["knowledge_index"]!["status"]!.GetValue<string>().Should().Be("not_loaded");
        await SearchAsync(client, "botox");
        var health = await client.GetJsonAsync("/api/tenant/health");
        var index = health["knowledge_index"]!;
        index["status"]!.GetValue<string>().Should().Be("ready");
        index["chunks"]!.GetValue<int>().Should().Be(5);
        index["documents"]!.GetValue<int>().Should().Be(2);
        index["version"]!.GetValue<long>().Should().Be(2);
        index["embedding_provider"]!.GetValue<string>().Should().Be("builtin");
        health["stats"]!["documents"]!.GetValue<int>().Should().Be(2);
        var platform = await (await app.AdminClientAsync()).GetJsonAsync($"/health/tenants");
        platform["tenants"]!["stats"]![tenant.Slug]!["documents"]!.GetValue<int>().Should().Be(2);
        platform["tenants"]!["health"]![tenant.Slug]!["knowledge_index"]!["status"]!.GetValue<string>().Should().Be("ready");

        // Rows lost behind the application's back (a bad restore, a manual fix): the counts no longer add up.
        var scope = app.Services.GetRequiredService<TenantScope>();
        await scope.RunDbAsync(tenant.Id, db => db.DocumentChunks.Where(c => c.Heading == "Horarios").ExecuteDeleteAsync());
        app.Services.GetRequiredService<KnowledgeIndexCache>().Invalidate(tenant.Id); // as after a restart

        (await SearchAsync(client, "botox"))["results"]![0]!["heading"]!.GetValue<string>().Should().Be("Precios > Botox");
        index = (await client.GetJsonAsync("/api/tenant/health"))["knowledge_index"]!;
        index["status"]!.GetValue<string>().Should().Be("rebuilt");
        index["chunks"]!.GetValue<int>().Should().Be(4);
        index["detail"]!.GetValue<string>().Should().Contain("did not match");

        var reindexed = await client.PostJsonAsync("/api/documents/reindex", new { }, 200);
        reindexed["status"]!.GetValue<string>().Should().Be("rebuilt");
        reindexed["chunks"]!.GetValue<int>().Should().Be(5, "reindexing chunks the stored documents again");
        (await SearchAsync(client, "horario sabado"))["results"]![0]!["heading"]!.GetValue<string>().Should().Be("Horarios");
    }

    [Fact]
    public async Task A_new_tenants_first_documents_posted_at_once_are_all_stored_and_counted()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            client.PostAsync("/api/documents", Http.Json(new { title = $"Sede {i}", content = $"La sede numero {i} abre los domingos {i}." }))));

        responses.Select(r => (int)r.StatusCode).Should().AllBeEquivalentTo(201);
        var health = await client.GetJsonAsync("/api/tenant/health");
        health["knowledge_index"]!["documents"]!.GetValue<int>().Should().Be(8);
        (await SearchAsync(client, "sede domingos", topK: 10))["results_count"]!.GetValue<int>().Should().Be(8);
        (await client.GetJsonAsync("/api/tenant/health"))["knowledge_index"]!["status"]!.GetValue<string>()
            .Should().Be("ready", "the state row counted every concurrent first document, so nothing needed repair");
    }

    [Fact]
    public async Task An_exported_tenant_with_documents_imports_as_a_searchable_tenant()
    {
        var tenant = await app.CreateTenantAsync();
        await AddAsync(tenant.KeyClient(), new { content = ClinicMarkdown, content_type = "text/markdown" });
        var admin = await app.AdminClientAsync();
        var export = await (await admin.GetAsync($"/api/admin/tenants/{tenant.Slug}/export")).Content.ReadAsStringAsync();
        var copy = "kb-" + Guid.NewGuid().ToString("N")[..12];

        var imported = await Http.ReadAsync(await admin.PostAsync($"/api/admin/tenants/import?slug={copy}", Http.Raw(export)), 201);
        imported["imported"]!["documents"]!.GetValue<int>().Should().Be(1);
        imported["imported"]!["document_chunks"]!.GetValue<int>().Should().Be(4);

        var asCopy = await app.AdminClientAsync();
        asCopy.DefaultRequestHeaders.Add("X-Tenant-ID", copy);
        var results = await SearchAsync(asCopy, "precio botox");
        results["results"]![0]!["heading"]!.GetValue<string>().Should().Be("Precios > Botox");
        var health = await asCopy.GetJsonAsync("/api/tenant/health");
        health["knowledge_index"]!["status"]!.GetValue<string>().Should().Be("ready", "the imported state row matches the imported chunks");
        health["knowledge_index"]!["chunks"]!.GetValue<int>().Should().Be(4);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class KnowledgeBaseTestsOnSqlite(SqliteFactory app) : KnowledgeBaseTests(app);

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeBaseTestsOnPostgres(PostgresFactory app) : KnowledgeBaseTests(app);
