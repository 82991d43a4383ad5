using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Catalog;

public abstract class ShortLinkTransferTests(ConversaFactory app)
{
    [Fact]
    public async Task A_copy_beside_its_original_skips_the_platform_wide_link_codes()
    {
        var tenant = await app.CreateTenantAsync();
        var code = (await tenant.KeyClient().PostJsonAsync("/api/links", new { url = "https://shop.example.com/botox" }, 201))["code"]!.GetValue<string>();
        var admin = await app.AdminClientAsync();
        var export = await admin.GetJsonAsync($"/api/admin/tenants/{tenant.Slug}/export");

        var copySlug = tenant.Slug + "-copy";
        var imported = await Http.ReadAsync(await admin.PostAsync($"/api/admin/tenants/import?slug={copySlug}", Http.Json(export)), 201);
        imported["skipped"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(s => s.Contains(code));

        // The original still owns the code.
        (await tenant.KeyClient().GetJsonAsync($"/api/links/{code}"))["url"]!.GetValue<string>().Should().Contain("botox");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ShortLinkTransferTestsOnSqlite(SqliteFactory app) : ShortLinkTransferTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ShortLinkTransferTestsOnPostgres(PostgresFactory app) : ShortLinkTransferTests(app);
