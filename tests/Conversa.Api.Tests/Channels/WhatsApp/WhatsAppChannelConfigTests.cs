using System.Text;
using Conversa.Api.Tests.Support;
using Conversa.Core.Channels;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Channels.WhatsApp;

/// <summary><c>/api/channels/whatsapp</c> and the webhook handshake: secrets kept and never shown, one number per tenant.</summary>
public abstract class WhatsAppChannelConfigTests(IWhatsAppApp app)
{
    private ConversaFactory App => app.App;

    [Fact]
    public async Task A_configured_number_is_shown_without_its_secrets()
    {
        var (tenant, number) = await app.TenantWithNumberAsync(new
        {
            app_secret = "tenant-app-secret-value",
            verify_token = "tenant-verify-token-value",
            reminder_template = new { name = "appointment_reminder", language = "es" },
        });
        var client = tenant.KeyClient();
        var response = await client.GetAsync("/api/channels/whatsapp");
        var text = await response.Content.ReadAsStringAsync();
        var view = await Http.ReadAsync(response, 200);
        view["phone_number_id"]!.GetValue<string>().Should().Be(number);
        view["waba_id"]!.GetValue<string>().Should().Be("102290129340398");
        view["display_phone_number"]!.GetValue<string>().Should().Be("15550783881");
        view["access_token_set"]!.GetValue<bool>().Should().BeTrue();
        view["app_secret_set"]!.GetValue<bool>().Should().BeTrue();
        view["verify_token_set"]!.GetValue<bool>().Should().BeTrue();
        view["reminder_template"]!["name"]!.GetValue<string>().Should().Be("appointment_reminder");
        view["webhook_path"]!.GetValue<string>().Should().Be("/webhooks/whatsapp/" + tenant.Slug);
        text.Should().NotContain(app.Graph.AccessToken).And.NotContain("tenant-app-secret-value").And.NotContain("tenant-verify-token-value");
        view.AsObject().Should().NotContainKey("access_token");
    }

    [Fact]
    public async Task Secrets_are_encrypted_at_rest()
    {
        var (tenant, _) = await app.TenantWithNumberAsync(new { app_secret = "app-secret-at-rest-check" });
        var rows = await App.Services.GetRequiredService<TenantScope>().RunDbAsync(tenant.Id,
            db => db.TenantSecrets.AsNoTracking().Where(s => s.Name.StartsWith("whatsapp.")).ToListAsync());
        rows.Select(r => r.Name).Should().BeEquivalentTo(WhatsAppChannel.AccessTokenSecret, WhatsAppChannel.AppSecretSecret);
        foreach (var row in rows)
        {
            Encoding.UTF8.GetString(row.Ciphertext).Should().NotContain("app-secret-at-rest-check").And.NotContain(app.Graph.AccessToken);
        }
    }

    [Fact]
    public async Task A_put_without_a_secret_keeps_the_stored_one()
    {
        var (tenant, number) = await app.TenantWithNumberAsync(new { verify_token = "kept-verify-token" });
        var client = tenant.KeyClient();
        var view = await client.PutJsonAsync("/api/channels/whatsapp", new { phone_number_id = number, waba_id = "42" }, 200);
        view["access_token_set"]!.GetValue<bool>().Should().BeTrue();
        view["verify_token_set"]!.GetValue<bool>().Should().BeTrue();
        view["waba_id"]!.GetValue<string>().Should().Be("42");
        view["reminder_template"].Should().BeNull();
        var verified = await App.CreateClient().GetAsync($"/webhooks/whatsapp/{tenant.Slug}?hub.mode=subscribe&hub.verify_token=kept-verify-token&hub.challenge=77");
        (await verified.Content.ReadAsStringAsync()).Should().Be("77");
    }

    [Fact]
    public async Task A_number_another_tenant_holds_is_409_and_theirs_stays_invisible()
    {
        var (owner, number) = await app.TenantWithNumberAsync();
        var other = await App.CreateTenantAsync();
        var client = other.KeyClient();
        await Http.ProblemAsync(await client.PutAsync("/api/channels/whatsapp", Http.Json(new
        {
            phone_number_id = number, waba_id = "1", access_token = "other-token",
        })), 409);
        await Http.ProblemAsync(await client.GetAsync("/api/channels/whatsapp"), 404);
        await Http.ProblemAsync(await client.DeleteAsync("/api/channels/whatsapp"), 404);
        (await owner.KeyClient().GetJsonAsync("/api/channels/whatsapp"))["phone_number_id"]!.GetValue<string>().Should().Be(number);

        // Once the holder lets it go, the number is free.
        (await owner.KeyClient().DeleteAsync("/api/channels/whatsapp")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        await Http.ProblemAsync(await owner.KeyClient().GetAsync("/api/channels/whatsapp"), 404);
        await client.PutJsonAsync("/api/channels/whatsapp", new { phone_number_id = number, waba_id = "1", access_token = "other-token" }, 200);
    }

    [Fact]
    public async Task An_import_beside_the_original_leaves_the_number_with_its_holder()
    {
        var (tenant, number) = await app.TenantWithNumberAsync();
        var admin = await App.AdminClientAsync();
        var export = await (await admin.GetAsync($"/api/admin/tenants/{tenant.Slug}/export")).Content.ReadAsStringAsync();
        var copy = "t-" + Guid.NewGuid().ToString("N")[..12];
        var imported = await Http.ReadAsync(await admin.PostAsync($"/api/admin/tenants/import?slug={copy}", Http.Raw(export)), 201);
        imported["skipped"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(s => s.Contains(number));
        (await tenant.KeyClient().GetJsonAsync("/api/channels/whatsapp"))["phone_number_id"]!.GetValue<string>().Should().Be(number);
    }

    [Fact]
    public async Task Invalid_bodies_are_400_with_the_fields_named()
    {
        var tenant = await App.CreateTenantAsync();
        var client = tenant.KeyClient();
        var problem = await Http.ProblemAsync(await client.PutAsync("/api/channels/whatsapp", Http.Json(new
        {
            phone_number_id = "abc",
            access_token = "",
            reminder_template = new { name = "Bad Name!" },
        })), 400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(
            "phone_number_id", "waba_id", "access_token", "reminder_template.name", "reminder_template.language");

        var missingToken = await Http.ProblemAsync(await client.PutAsync("/api/channels/whatsapp", Http.Json(new
        {
            phone_number_id = WhatsAppTestSetup.NewPhoneNumberId(), waba_id = "1",
        })), 400);
        missingToken["errors"]!.AsObject().Should().ContainKey("access_token");
        await Http.ProblemAsync(await client.PutAsync("/api/channels/whatsapp", Http.Raw("[1,2]")), 400);
        await Http.ProblemAsync(await client.GetAsync("/api/channels/whatsapp"), 404);
    }

    [Fact]
    public async Task Only_managers_configure_the_channel()
    {
        await Http.ProblemAsync(await App.CreateClient().GetAsync("/api/channels/whatsapp"), 401);
        var tenant = await App.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        await owner.PostJsonAsync("/api/users", new { email = $"agent-{tenant.Slug}@example.com", name = "Agent", role = "agent", password = "agent-password-1" }, 201);
        var agent = App.ClientWithToken(await Http.LoginAsync(App.CreateClient(), $"agent-{tenant.Slug}@example.com", "agent-password-1"));
        await Http.ProblemAsync(await agent.PutAsync("/api/channels/whatsapp", Http.Json(new { phone_number_id = "1", waba_id = "1", access_token = "x" })), 403);
        await owner.PutJsonAsync("/api/channels/whatsapp", new { phone_number_id = WhatsAppTestSetup.NewPhoneNumberId(), waba_id = "1", access_token = "x" }, 200);
    }

    [Fact]
    public async Task The_platform_verify_token_answers_the_challenge_as_plain_text()
    {
        var fixture = WhatsAppFixtures.Json("whatsapp_webhook_verification")["request"]!["query"]!;
        var challenge = fixture["hub.challenge"]!.GetValue<string>();
        var response = await App.CreateClient().GetAsync(
            $"/webhooks/whatsapp?hub.mode=subscribe&hub.challenge={challenge}&hub.verify_token={IWhatsAppApp.PlatformVerifyToken}");
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Be(challenge);

        var tenant = await App.CreateTenantAsync();
        (await App.CreateClient().GetStringAsync(
            $"/webhooks/whatsapp/{tenant.Slug}?hub.mode=subscribe&hub.challenge=5&hub.verify_token={IWhatsAppApp.PlatformVerifyToken}")).Should().Be("5");
    }

    [Theory]
    [InlineData("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=vibecoding")]
    [InlineData("/webhooks/whatsapp?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=platform-verify-token")]
    [InlineData("/webhooks/whatsapp?hub.challenge=1")]
    [InlineData("/webhooks/whatsapp/no-such-tenant?hub.mode=subscribe&hub.challenge=1&hub.verify_token=vibecoding")]
    public async Task A_wrong_or_missing_verify_token_is_403(string url) =>
        (await App.CreateClient().GetAsync(url)).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);

    [Fact]
    public async Task A_tenants_verify_token_opens_only_its_own_url()
    {
        var (tenant, _) = await app.TenantWithNumberAsync(new { verify_token = "only-mine" });
        var other = await App.CreateTenantAsync();
        var client = App.CreateClient();
        (await client.GetStringAsync($"/webhooks/whatsapp/{tenant.Slug}?hub.mode=subscribe&hub.challenge=9&hub.verify_token=only-mine")).Should().Be("9");
        (await client.GetStringAsync($"/webhooks/whatsapp/{tenant.Id}?hub.mode=subscribe&hub.challenge=9&hub.verify_token=only-mine")).Should().Be("9");
        (await client.GetAsync($"/webhooks/whatsapp/{other.Slug}?hub.mode=subscribe&hub.challenge=9&hub.verify_token=only-mine")).StatusCode
            .Should().Be(System.Net.HttpStatusCode.Forbidden);
        (await client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=9&hub.verify_token=only-mine")).StatusCode
            .Should().Be(System.Net.HttpStatusCode.Forbidden);
    }
}

[Collection(WhatsAppSqliteCollection.Name)]
public sealed class WhatsAppChannelConfigTestsOnSqlite(WhatsAppSqliteFactory app) : WhatsAppChannelConfigTests(app);

[Collection(WhatsAppPostgresCollection.Name)]
public sealed class WhatsAppChannelConfigTestsOnPostgres(WhatsAppPostgresFactory app) : WhatsAppChannelConfigTests(app);
