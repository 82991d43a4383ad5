using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Conversa.Core.Channels;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Admin;

/// <summary>Exporting a tenant as one document and importing it back, beside the original or in its place.</summary>
public abstract class TenantTransferTests(ConversaFactory app)
{
    private const string AiKey = "sk-live-123";

    private static string NewSlug() => "imp-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A tenant with an AI key, a non-default setting, a second user and a second key.</summary>
    private async Task<(TestTenant Tenant, string AgentEmail, string ExtraKey)> PopulatedTenantAsync()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        await owner.PatchJsonAsync("/api/tenant", new
        {
            settings = new { ai = new { provider = "openai", api_key = AiKey }, assistant = new { name = "Sofia" }, widget = new { greeting_message = "Hola!" } },
        }, 200);
        var agentEmail = $"agent-{tenant.Slug}@example.com";
        await owner.PostJsonAsync("/api/users", new { email = agentEmail, name = "Agent", role = "agent", password = "agent-password" }, 201);
        var extraKey = (await owner.PostJsonAsync("/api/api-keys", new { name = "integration" }, 201))["key"]!.GetValue<string>();
        return (tenant, agentEmail, extraKey);
    }

    private static async Task<(JsonNode Document, string Text)> ExportAsync(HttpClient admin, string tenant)
    {
        var response = await admin.GetAsync($"/api/admin/tenants/{tenant}/export");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return (JsonNode.Parse(text)!, text);
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient admin, string document, string? slug = null) =>
        admin.PostAsync("/api/admin/tenants/import" + (slug is null ? "" : "?slug=" + slug), Http.Raw(document));

    [Fact]
    public async Task The_export_holds_the_tenant_and_its_data_but_no_secret_in_clear()
    {
        var (tenant, agentEmail, extraKey) = await PopulatedTenantAsync();
        var admin = await app.AdminClientAsync();

        var (export, text) = await ExportAsync(admin, tenant.Slug);
        export["format"]!.GetValue<string>().Should().Be("conversa.tenant-export");
        export["version"]!.GetValue<int>().Should().Be(1);
        export["tenant"]!["slug"]!.GetValue<string>().Should().Be(tenant.Slug);
        export["tenant"]!["id"]!.GetValue<string>().Should().Be(tenant.Id.ToString());

        var data = export["data"]!;
        data["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()).Should().BeEquivalentTo(tenant.OwnerEmail, agentEmail);
        data["api_keys"]!.AsArray().Should().HaveCount(2);
        data["tenant_secrets"]!.AsArray().Should().ContainSingle().Which!["name"]!.GetValue<string>().Should().Be("ai.api_key");

        text.Should().NotContain(AiKey);
        text.Should().NotContain(tenant.Key);
        text.Should().NotContain(extraKey);
        text.Should().NotContain(tenant.OwnerPassword);
        text.Should().NotContain("agent-password");

        // Exported by id too, and an unknown tenant is 404.
        (await ExportAsync(admin, tenant.Id.ToString())).Document["tenant"]!["slug"]!.GetValue<string>().Should().Be(tenant.Slug);
        await Http.ProblemAsync(await admin.GetAsync($"/api/admin/tenants/{NewSlug()}/export"), 404);
    }

    [Fact]
    public async Task Only_a_superadmin_exports_and_imports()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        await Http.ProblemAsync(await app.CreateClient().GetAsync($"/api/admin/tenants/{tenant.Slug}/export"), 401);
        await Http.ProblemAsync(await owner.GetAsync($"/api/admin/tenants/{tenant.Slug}/export"), 403);
        await Http.ProblemAsync(await tenant.KeyClient().GetAsync($"/api/admin/tenants/{tenant.Slug}/export"), 403);

        var (_, text) = await ExportAsync(await app.AdminClientAsync(), tenant.Slug);
        await Http.ProblemAsync(await ImportAsync(app.CreateClient(), text, NewSlug()), 401);
        await Http.ProblemAsync(await ImportAsync(owner, text, NewSlug()), 403);
        await Http.ProblemAsync(await ImportAsync(tenant.KeyClient(), text, NewSlug()), 403);
    }

    [Fact]
    public async Task An_import_under_a_new_slug_copies_the_settings_and_skips_users_whose_emails_exist()
    {
        var (tenant, agentEmail, _) = await PopulatedTenantAsync();
        var admin = await app.AdminClientAsync();
        await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { plan = "pro", limits = new { messages = 7 } }, 200);
        var (_, text) = await ExportAsync(admin, tenant.Slug);
        var copySlug = NewSlug();

        var response = await ImportAsync(admin, text, copySlug);
        var imported = await Http.ReadAsync(response, 201);
        response.Headers.Location!.ToString().Should().EndWith("/api/admin/tenants/" + copySlug);
        imported["tenant"]!["slug"]!.GetValue<string>().Should().Be(copySlug);
        imported["tenant"]!["id"]!.GetValue<string>().Should().NotBe(tenant.Id.ToString());
        imported["tenant"]!["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeTrue();
        var skipped = imported["skipped"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        skipped.Should().Contain(s => s.Contains(tenant.OwnerEmail));
        skipped.Should().Contain(s => s.Contains(agentEmail));
        imported.ToJsonString().Should().NotContain(AiKey);

        var original = await admin.GetJsonAsync($"/api/admin/tenants/{tenant.Slug}");
        var copy = await admin.GetJsonAsync($"/api/admin/tenants/{copySlug}");
        JsonNode.DeepEquals(copy["settings"], original["settings"]).Should().BeTrue(
            "the copy's settings {0} should equal the original's {1}", copy["settings"]!.ToJsonString(), original["settings"]!.ToJsonString());
        copy["settings"]!["assistant"]!["name"]!.GetValue<string>().Should().Be("Sofia");
        copy["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeTrue();
        copy["name"]!.GetValue<string>().Should().Be(original["name"]!.GetValue<string>());
        copy["timezone"]!.GetValue<string>().Should().Be(original["timezone"]!.GetValue<string>());
        copy["plan"]!.GetValue<string>().Should().Be("pro");
        copy["limits"]!["messages"]!.GetValue<long>().Should().Be(7);

        // The copy's trail starts with the original's history and records the import.
        var trail = (await admin.GetJsonAsync($"/api/admin/audit?tenant={copySlug}"))["items"]!.AsArray()
            .Select(i => i!["action"]!.GetValue<string>()).ToList();
        trail.Should().Contain(["tenant.imported", "tenant.created", "user.created"]);
        (await admin.GetJsonAsync($"/api/admin/audit?tenant={tenant.Slug}&action=tenant.exported"))["total"]!.GetValue<int>().Should().Be(1);

        // The original is untouched: its owner still signs in to it, its key still reaches it.
        (await tenant.KeyClient().GetJsonAsync("/api/tenant"))["slug"]!.GetValue<string>().Should().Be(tenant.Slug);
        var login = await app.CreateClient().PostJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.OwnerPassword }, 200);
        login["user"]!["tenant_slug"]!.GetValue<string>().Should().Be(tenant.Slug);

        // The copy's own export has no users (they were skipped) but keeps the secret.
        var (copyExport, copyText) = await ExportAsync(admin, copySlug);
        copyExport["data"]!["users"]!.AsArray().Should().BeEmpty();
        copyExport["data"]!["tenant_secrets"]!.AsArray().Should().ContainSingle();
        copyText.Should().NotContain(AiKey);
    }

    [Fact]
    public async Task An_import_keeps_the_delivery_history_but_does_not_send_undelivered_messages_again()
    {
        var tenant = await app.CreateTenantAsync();
        // A channel no node sends on, so nothing moves these rows while the test looks at them.
        var channel = "test-" + Guid.NewGuid().ToString("N")[..10];
        await app.DbAsync(tenant, async db =>
        {
            db.OutboxEntries.Add(new OutboxEntry { Channel = channel, Purpose = "reply", Text = "delivered", Status = OutboxStatus.Sent, SentAt = DateTime.UtcNow });
            db.OutboxEntries.Add(new OutboxEntry { Channel = channel, Purpose = "reply", Text = "still waiting" });
            return await db.SaveChangesAsync();
        });
        var admin = await app.AdminClientAsync();
        var (_, text) = await ExportAsync(admin, tenant.Slug);
        text.Should().Contain("still waiting", "the export is the whole tenant");

        var imported = await Http.ReadAsync(await ImportAsync(admin, text, NewSlug()), 201);

        imported["skipped"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(s => s.Contains("1 outbox_messages rows"));
        var copy = Guid.Parse(imported["tenant"]!["id"]!.GetValue<string>());
        var rows = await app.Services.GetRequiredService<TenantScope>().RunDbAsync(copy,
            db => db.OutboxEntries.AsNoTracking().Select(o => new { o.Text, o.Status }).ToListAsync(), CancellationToken.None);
        rows.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Text = "delivered", Status = OutboxStatus.Sent });
    }

    [Fact]
    public async Task Importing_under_a_taken_slug_is_409()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        var (_, text) = await ExportAsync(admin, tenant.Slug);

        await Http.ProblemAsync(await ImportAsync(admin, text), 409);
        await Http.ProblemAsync(await ImportAsync(admin, text, other.Slug), 409);

        var copySlug = NewSlug();
        await Http.ReadAsync(await ImportAsync(admin, text, copySlug), 201);
        await Http.ProblemAsync(await ImportAsync(admin, text, copySlug), 409);
        (await admin.GetJsonAsync($"/api/admin/tenants?q={copySlug}"))["total"]!.GetValue<int>().Should().Be(1);

        var badSlug = await Http.ProblemAsync(await ImportAsync(admin, text, "Not_A_Slug"), 400);
        badSlug["errors"]!["slug"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("""{"hello": "world"}""")]
    [InlineData("""{"format": "something-else", "version": 1, "tenant": {"slug": "x", "name": "X"}, "data": {}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "data": {}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "version": 99, "tenant": {"slug": "x", "name": "X"}, "data": {}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "version": "one", "tenant": {"slug": "x", "name": "X"}, "data": {}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "version": 1, "tenant": {"id": "not-a-guid", "slug": "x", "name": "X"}, "data": {}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "version": 1, "tenant": "nope", "data": {}}""")]
    [InlineData("""{"format": 7, "version": 1, "tenant": {"slug": "x", "name": "X"}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "version": 1, "tenant": {"slug": "x"}, "data": {}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "version": 1, "tenant": {"slug": "x", "name": "X"}, "data": {"users": {"not": "a list"}}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "version": 1, "tenant": {"slug": "x", "name": "X"}, "data": {"audit_events": 5}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "version": 1, "tenant": {"slug": "x", "name": "X", "status": "frozen"}, "data": {}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "version": 1, "tenant": {"slug": "x", "name": null}, "data": {}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "version": 1, "tenant": {"slug": "x", "name": "X", "timezone": null}, "data": {}}""")]
    [InlineData("""{"format": "conversa.tenant-export", "version": 1, "tenant": {"slug": "x", "name": "X", "settings_json": "not json"}, "data": {}}""")]
    public async Task Importing_something_that_is_not_an_export_is_422(string garbage)
    {
        var admin = await app.AdminClientAsync();
        var slug = NewSlug();
        await Http.ProblemAsync(await ImportAsync(admin, garbage, slug), 422);
        await Http.ProblemAsync(await admin.GetAsync($"/api/admin/tenants/{slug}"), 404);
    }

    [Theory]
    [InlineData("Not A Slug")]
    [InlineData("")]
    [InlineData(null)]
    public async Task An_export_whose_own_slug_is_invalid_needs_a_slug_to_be_imported(string? documentSlug)
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        var (export, _) = await ExportAsync(admin, tenant.Slug);
        export["tenant"]!["slug"] = documentSlug;
        var before = (await admin.GetJsonAsync("/api/admin/tenants?limit=1"))["total"]!.GetValue<int>();

        var response = await ImportAsync(admin, export.ToJsonString());
        ((int)response.StatusCode).Should().BeOneOf([400, 422], await response.Content.ReadAsStringAsync());
        (await admin.GetJsonAsync("/api/admin/tenants?limit=1"))["total"]!.GetValue<int>().Should().Be(before);

        var slug = NewSlug();
        await Http.ReadAsync(await ImportAsync(admin, export.ToJsonString(), slug), 201);
    }

    [Fact]
    public async Task An_export_with_a_malformed_table_is_422_and_imports_nothing()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminClientAsync();
        var (export, _) = await ExportAsync(admin, tenant.Slug);
        export["data"]!["users"] = new JsonArray(new JsonObject { ["id"] = 5, ["email"] = new JsonArray() });
        var slug = NewSlug();

        await Http.ProblemAsync(await ImportAsync(admin, export.ToJsonString(), slug), 422);
        await Http.ProblemAsync(await admin.GetAsync($"/api/admin/tenants/{slug}"), 404);
    }

    [Fact]
    public async Task A_body_that_is_not_a_json_object_is_a_client_error()
    {
        var admin = await app.AdminClientAsync();
        foreach (var body in new[] { "[1, 2, 3]", "not json at all", "" })
        {
            var response = await ImportAsync(admin, body, NewSlug());
            ((int)response.StatusCode).Should().BeOneOf([400, 422], "'{0}' answered {1}", body, await response.Content.ReadAsStringAsync());
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        }
    }

    [Fact]
    public async Task A_deleted_tenant_is_restored_from_its_export_with_its_passwords_and_keys()
    {
        var (tenant, agentEmail, extraKey) = await PopulatedTenantAsync();
        var admin = await app.AdminClientAsync();
        var before = await admin.GetJsonAsync($"/api/admin/tenants/{tenant.Slug}");
        var (_, text) = await ExportAsync(admin, tenant.Slug);

        (await admin.DeleteAsync($"/api/admin/tenants/{tenant.Slug}?confirm={tenant.Slug}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Http.ProblemAsync(await tenant.KeyClient().GetAsync("/api/tenant"), 401);

        var restored = await Http.ReadAsync(await ImportAsync(admin, text), 201);
        restored["tenant"]!["slug"]!.GetValue<string>().Should().Be(tenant.Slug);
        restored["skipped"]!.AsArray().Should().BeEmpty();

        var login = await app.CreateClient().PostJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.OwnerPassword }, 200);
        login["user"]!["tenant_slug"]!.GetValue<string>().Should().Be(tenant.Slug);
        login["user"]!["role"]!.GetValue<string>().Should().Be("owner");
        await Http.LoginAsync(app.CreateClient(), agentEmail, "agent-password");

        var viaKey = await tenant.KeyClient().GetJsonAsync("/api/tenant");
        viaKey["slug"]!.GetValue<string>().Should().Be(tenant.Slug);
        viaKey["settings"]!["ai"]!["api_key_set"]!.GetValue<bool>().Should().BeTrue();
        (await app.ClientWithKey(extraKey).GetJsonAsync("/api/tenant"))["slug"]!.GetValue<string>().Should().Be(tenant.Slug);

        var after = await admin.GetJsonAsync($"/api/admin/tenants/{tenant.Slug}");
        JsonNode.DeepEquals(after["settings"], before["settings"]).Should().BeTrue();
        var owner = app.ClientWithToken(login["access_token"]!.GetValue<string>());
        (await owner.GetJsonAsync("/api/users"))["total"]!.GetValue<int>().Should().Be(2);
        (await owner.GetJsonAsync("/api/api-keys"))["total"]!.GetValue<int>().Should().Be(2);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TenantTransferTestsOnSqlite(SqliteFactory app) : TenantTransferTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TenantTransferTestsOnPostgres(PostgresFactory app) : TenantTransferTests(app);
