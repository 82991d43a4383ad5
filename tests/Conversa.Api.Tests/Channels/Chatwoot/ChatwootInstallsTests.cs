using System.Net;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Channels.Chatwoot;

/// <summary>
/// Two self-hosted Chatwoot installs (two fakes on their own ports) whose tenants answer the same account and inbox
/// numbers: each tenant URL reaches its own tenant and install; the platform URL, whose payload does not say which
/// install sent it, acknowledges such a delivery and answers nobody, and still routes what only one install holds.
/// </summary>
public abstract class ChatwootInstallsTests(ConversaFactory app) : IAsyncLifetime
{
    private FakeChatwoot _first = null!;
    private FakeChatwoot _second = null!;

    public async Task InitializeAsync()
    {
        _first = await FakeChatwoot.StartAsync();
        _second = await FakeChatwoot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private static long NewId() => Random.Shared.NextInt64(1_000, 1_000_000_000);

    private static long NewAccount() => Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);

    private async Task<TestTenant> ConfigureAsync(FakeChatwoot install, long account, long? inboxId)
    {
        var tenant = await app.CreateTenantAsync();
        await Http.ReadAsync(await tenant.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new
        {
            base_url = install.BaseUrl, account_id = account, inbox_id = inboxId, api_access_token = "token-" + tenant.Slug,
        })), 200);
        return tenant;
    }

    private async Task<JsonNode> PostAsync(JsonObject payload, string path = "/webhooks/chatwoot") =>
        await Http.ReadAsync(await app.CreateClient().PostAsync(path, Http.Json(payload)), 200);

    private static Task<IReadOnlyList<ChatwootRequest>> RepliesInAsync(FakeChatwoot install, long account, long conversation) =>
        install.WaitForAsync(r => r.Path == $"/api/v1/accounts/{account}/conversations/{conversation}/messages");

    private static bool For(ChatwootRequest request, long account, long conversation) =>
        request.Path.StartsWith($"/api/v1/accounts/{account}/conversations/{conversation}/", StringComparison.Ordinal);

    [Fact]
    public async Task Each_tenant_url_reaches_its_own_tenant_and_install()
    {
        var account = NewAccount();
        var first = await ConfigureAsync(_first, account, 1);
        var second = await ConfigureAsync(_second, account, 1);
        var toFirst = NewId();
        var toSecond = NewId();

        (await PostAsync(ChatwootFixtures.Incoming(account, NewId(), toFirst, "hola", inboxId: 1), $"/webhooks/chatwoot/{first.Slug}")).Str("status").Should().Be("accepted");
        (await PostAsync(ChatwootFixtures.Incoming(account, NewId(), toSecond, "hola", inboxId: 1), $"/webhooks/chatwoot/{second.Slug}")).Str("status").Should().Be("accepted");

        (await RepliesInAsync(_first, account, toFirst)).Should().ContainSingle().Which.Token.Should().Be("token-" + first.Slug);
        (await RepliesInAsync(_second, account, toSecond)).Should().ContainSingle().Which.Token.Should().Be("token-" + second.Slug);
        _first.Requests.Should().NotContain(r => For(r, account, toSecond));
        _second.Requests.Should().NotContain(r => For(r, account, toFirst));
        (await first.KeyClient().GetJsonAsync("/api/conversations?channel=chatwoot")).Ids().Should().ContainSingle();
        (await second.KeyClient().GetJsonAsync("/api/conversations?channel=chatwoot")).Ids().Should().ContainSingle();
    }

    [Fact]
    public async Task The_platform_url_answers_nobody_for_an_account_and_inbox_held_on_two_installs_and_routes_the_rest()
    {
        var account = NewAccount();
        var wide = await ConfigureAsync(_first, account, null);
        var inbox = await ConfigureAsync(_second, account, 7);
        var ambiguous = NewId();
        var onlyFirst = NewId();

        // Inbox 7 may be the first install's (its tenant answers every inbox there) or the second's.
        var ack = await PostAsync(ChatwootFixtures.Incoming(account, NewId(), ambiguous, "hola", inboxId: 7));
        // Inbox 8 only the first install's tenant holds.
        (await PostAsync(ChatwootFixtures.Incoming(account, NewId(), onlyFirst, "hola", inboxId: 8))).Str("status").Should().Be("accepted");

        ack.Str("status").Should().Be("ignored");
        ack.Str("reason").Should().Contain("tenant URL");
        (await RepliesInAsync(_first, account, onlyFirst)).Should().ContainSingle().Which.Token.Should().Be("token-" + wide.Slug);
        await Task.Delay(500);
        _first.Requests.Should().NotContain(r => For(r, account, ambiguous));
        _second.Requests.Should().NotContain(r => For(r, account, ambiguous));
        (await inbox.KeyClient().GetJsonAsync("/api/conversations?channel=chatwoot")).Ids().Should().BeEmpty();
        (await wide.KeyClient().GetJsonAsync("/api/conversations?channel=chatwoot")).Ids().Should().ContainSingle("only inbox 8's message was stored");

        // The tenant URL still takes the ambiguous inbox.
        (await PostAsync(ChatwootFixtures.Incoming(account, NewId(), ambiguous, "hola", inboxId: 7), $"/webhooks/chatwoot/{inbox.Slug}")).Str("status").Should().Be("accepted");
        (await RepliesInAsync(_second, account, ambiguous)).Should().ContainSingle().Which.Token.Should().Be("token-" + inbox.Slug);
    }

    [Fact]
    public async Task A_removed_channel_makes_the_platform_url_route_again()
    {
        var account = NewAccount();
        var first = await ConfigureAsync(_first, account, 3);
        var second = await ConfigureAsync(_second, account, 3);
        (await PostAsync(ChatwootFixtures.Incoming(account, NewId(), NewId(), "hola", inboxId: 3))).Str("status").Should().Be("ignored");

        (await second.KeyClient().DeleteAsync("/api/channels/chatwoot")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var conversation = NewId();
        (await PostAsync(ChatwootFixtures.Incoming(account, NewId(), conversation, "hola", inboxId: 3))).Str("status").Should().Be("accepted");

        (await RepliesInAsync(_first, account, conversation)).Should().ContainSingle().Which.Token.Should().Be("token-" + first.Slug);
    }
}

[Collection(ChatwootSqliteCollection.Name)]
public sealed class ChatwootInstallsTestsOnSqlite(SqliteFactory app) : ChatwootInstallsTests(app);

[Collection(ChatwootPostgresCollection.Name)]
public sealed class ChatwootInstallsTestsOnPostgres(PostgresFactory app) : ChatwootInstallsTests(app);
