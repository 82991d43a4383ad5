using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Channels.Chatwoot;

/// <summary>
/// <c>/api/channels/chatwoot</c>: secrets stored but never returned, a secret left out kept, validation as problems,
/// one install's account and inbox per platform (409; another install's of the same number is someone else's), and
/// nothing of it visible to or changeable by another tenant.
/// </summary>
public abstract class ChatwootChannelConfigTests(ConversaFactory app)
{
    private static long NewAccount() => Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);

    [Fact]
    public async Task A_configured_channel_shows_which_secrets_are_set_and_never_the_secrets()
    {
        var tenant = await app.CreateTenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var account = NewAccount();

        var put = await owner.PutAsync("/api/channels/chatwoot", Http.Json(new
        {
            base_url = "https://chatwoot.example.com/",
            account_id = account,
            inbox_id = 12,
            api_access_token = "tok-secret-123",
            webhook_secret = "whsec-456",
        }));
        var saved = await Http.ReadAsync(put, 200);
        var got = await owner.GetJsonAsync("/api/channels/chatwoot");

        foreach (var view in new[] { saved, got })
        {
            view.Str("base_url").Should().Be("https://chatwoot.example.com");
            view["account_id"]!.GetValue<long>().Should().Be(account);
            view["inbox_id"]!.GetValue<long>().Should().Be(12);
            view["api_access_token_set"]!.GetValue<bool>().Should().BeTrue();
            view["webhook_secret_set"]!.GetValue<bool>().Should().BeTrue();
            view.Str("webhook_path").Should().Be($"/webhooks/chatwoot/{tenant.Slug}");
            view.ToJsonString().Should().NotContain("tok-secret-123").And.NotContain("whsec-456");
        }
        var settings = await tenant.KeyClient().GetStringAsync("/api/tenant");
        settings.Should().NotContain("tok-secret-123").And.NotContain("whsec-456");
    }

    [Fact]
    public async Task A_secret_left_out_is_kept_and_an_empty_webhook_secret_removes_it()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        var account = NewAccount();
        await Http.ReadAsync(await client.PutAsync("/api/channels/chatwoot", Http.Json(new
        {
            base_url = "http://chatwoot.local:3000", account_id = account, api_access_token = "tok", webhook_secret = "sec",
        })), 200);

        var kept = await Http.ReadAsync(await client.PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "http://chatwoot.local:3000", account_id = account, inbox_id = 3 })), 200);
        kept["api_access_token_set"]!.GetValue<bool>().Should().BeTrue();
        kept["webhook_secret_set"]!.GetValue<bool>().Should().BeTrue();
        kept["inbox_id"]!.GetValue<long>().Should().Be(3);

        var removed = await Http.ReadAsync(await client.PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "http://chatwoot.local:3000", account_id = account, webhook_secret = "" })), 200);
        removed["webhook_secret_set"]!.GetValue<bool>().Should().BeFalse();
        removed["api_access_token_set"]!.GetValue<bool>().Should().BeTrue();
        removed["inbox_id"].Should().BeNull();
    }

    [Fact]
    public async Task Invalid_fields_are_a_validation_problem_naming_each_field()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();

        var problem = await Http.ProblemAsync(await client.PutAsync("/api/channels/chatwoot", Http.Json(new
        {
            base_url = "ftp://chatwoot.example.com", account_id = -1, inbox_id = 0, api_access_token = "  ",
        })), 400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("base_url", "account_id", "inbox_id", "api_access_token");

        var relative = await Http.ProblemAsync(await client.PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "/chatwoot", account_id = 5, api_access_token = "t" })), 400);
        relative["errors"]!["base_url"].Should().NotBeNull();

        var noToken = await Http.ProblemAsync(await client.PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://c.example.com", account_id = NewAccount() })), 400);
        noToken["errors"]!["api_access_token"].Should().NotBeNull("a first configuration needs the token");

        (await client.PutAsync("/api/channels/chatwoot", Http.Raw("{\"base_url\": "))).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_account_and_inbox_another_tenant_holds_on_the_same_install_is_a_conflict()
    {
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        var account = NewAccount();
        await Http.ReadAsync(await first.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://a.example.com", account_id = account, inbox_id = 1, api_access_token = "a" })), 200);

        // The same install however it is spelled: host case, default port, trailing slash.
        foreach (var spelling in new[] { "https://a.example.com", "https://A.Example.com/", "HTTPS://a.example.com:443" })
        {
            var problem = await Http.ProblemAsync(await second.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = spelling, account_id = account, inbox_id = 1, api_access_token = "b" })), 409);
            problem.Str("detail").Should().Contain("https://a.example.com");
        }
        // Another inbox of the same account, or the account's other inboxes, may belong to someone else.
        await Http.ReadAsync(await second.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://a.example.com", account_id = account, inbox_id = 2, api_access_token = "b" })), 200);
        await Http.ReadAsync(await first.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://a.example.com", account_id = account, inbox_id = 1 })), 200);
    }

    [Fact]
    public async Task Two_installs_each_have_their_own_account_and_inbox_of_the_same_number()
    {
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        var third = await app.CreateTenantAsync();
        var account = NewAccount();

        var a = await Http.ReadAsync(await first.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://chat.first.example", account_id = account, inbox_id = 1, api_access_token = "a" })), 200);
        var b = await Http.ReadAsync(await second.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://Chat.Second.example:8443/chatwoot/", account_id = account, inbox_id = 1, api_access_token = "b" })), 200);
        // A path is part of the install: another one under the same host is another install.
        await Http.ReadAsync(await third.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://chat.second.example:8443/support", account_id = account, inbox_id = 1, api_access_token = "c" })), 200);

        a.Str("base_url").Should().Be("https://chat.first.example");
        b.Str("base_url").Should().Be("https://chat.second.example:8443/chatwoot", "the base URL is kept in its one spelling");
        (await first.KeyClient().GetJsonAsync("/api/channels/chatwoot")).Str("base_url").Should().Be("https://chat.first.example");
        (await second.KeyClient().GetJsonAsync("/api/channels/chatwoot"))["account_id"]!.GetValue<long>().Should().Be(account);
        await Http.ProblemAsync(await third.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://chat.first.example/", account_id = account, inbox_id = 1 })), 409);
    }

    [Fact]
    public async Task Another_tenant_on_another_install_cannot_alter_a_channel_of_the_same_account()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var account = NewAccount();
        await Http.ReadAsync(await tenant.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://a.example.com", account_id = account, inbox_id = 5, api_access_token = "a", webhook_secret = "s" })), 200);

        await Http.ReadAsync(await other.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://b.example.com", account_id = account, inbox_id = 5, api_access_token = "b" })), 200);
        (await other.KeyClient().DeleteAsync("/api/channels/chatwoot")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);

        var mine = await tenant.KeyClient().GetJsonAsync("/api/channels/chatwoot");
        mine.Str("base_url").Should().Be("https://a.example.com");
        mine["inbox_id"]!.GetValue<long>().Should().Be(5);
        mine["webhook_secret_set"]!.GetValue<bool>().Should().BeTrue();
        mine["api_access_token_set"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Another_tenant_sees_nothing_and_delete_removes_the_channel()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        await Http.ReadAsync(await tenant.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://a.example.com", account_id = NewAccount(), api_access_token = "a" })), 200);

        await Http.ProblemAsync(await other.KeyClient().GetAsync("/api/channels/chatwoot"), 404);
        await Http.ProblemAsync(await other.KeyClient().DeleteAsync("/api/channels/chatwoot"), 404);
        await tenant.KeyClient().GetJsonAsync("/api/channels/chatwoot");

        (await tenant.KeyClient().DeleteAsync("/api/channels/chatwoot")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        await Http.ProblemAsync(await tenant.KeyClient().GetAsync("/api/channels/chatwoot"), 404);
    }

    [Fact]
    public async Task An_agent_may_not_configure_the_channel()
    {
        var tenant = await app.CreateTenantAsync();
        var email = $"agent-{tenant.Slug}@example.com";
        await tenant.KeyClient().PostJsonAsync("/api/users", new { email, name = "Agent", role = "agent", password = "agent-password-1" }, 201);
        var agent = app.ClientWithToken(await Http.LoginAsync(app.CreateClient(), email, "agent-password-1"));

        await Http.ProblemAsync(await agent.PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = "https://a.example.com", account_id = NewAccount(), api_access_token = "a" })), 403);
        await Http.ProblemAsync(await agent.GetAsync("/api/channels/chatwoot"), 403);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChatwootChannelConfigTestsOnSqlite(SqliteFactory app) : ChatwootChannelConfigTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ChatwootChannelConfigTestsOnPostgres(PostgresFactory app) : ChatwootChannelConfigTests(app);
