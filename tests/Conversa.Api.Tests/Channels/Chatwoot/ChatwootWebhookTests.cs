using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Conversa.Core.Channels.Chatwoot;

namespace Conversa.Api.Tests.Channels.Chatwoot;

/// <summary>
/// Chatwoot end to end: a webhook in, the reply POSTed to a fake Chatwoot on loopback with the right path, token and
/// body. Only customers' messages are answered, once however often they are delivered; an open conversation is
/// left to its human; an emergency is answered and handed off with toggle_status; signatures are enforced when a
/// secret is set; nothing a webhook sends makes a 500.
/// </summary>
public abstract class ChatwootWebhookTests(ConversaFactory app) : IAsyncLifetime
{
    private FakeChatwoot _chatwoot = null!;

    public async Task InitializeAsync() => _chatwoot = await FakeChatwoot.StartAsync();

    public async Task DisposeAsync() => await _chatwoot.DisposeAsync();

    private sealed record Setup(TestTenant Tenant, long Account, string Token, string? Secret);

    private async Task<Setup> ConfigureAsync(string? webhookSecret = null, object? extra = null, long? inboxId = null)
    {
        var tenant = await app.CreateTenantAsync(extra: extra);
        var account = Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);
        var token = "bot-token-" + tenant.Slug;
        await Http.ReadAsync(await tenant.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new
        {
            base_url = _chatwoot.BaseUrl, account_id = account, inbox_id = inboxId, api_access_token = token, webhook_secret = webhookSecret,
        })), 200);
        return new Setup(tenant, account, token, webhookSecret);
    }

    private static long NewId() => Random.Shared.NextInt64(1_000, 1_000_000_000);

    private async Task<HttpResponseMessage> PostAsync(JsonObject payload, string path = "/webhooks/chatwoot", string? secret = null, string? delivery = null,
        Action<HttpRequestMessage, byte[]>? sign = null)
    {
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        return await PostRawAsync(body, path, secret, delivery, sign);
    }

    private async Task<HttpResponseMessage> PostRawAsync(byte[] body, string path = "/webhooks/chatwoot", string? secret = null, string? delivery = null,
        Action<HttpRequestMessage, byte[]>? sign = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("User-Agent", "rest-client/2.1.0");
        request.Headers.Add(ChatwootSignature.DeliveryHeader, delivery ?? Guid.NewGuid().ToString());
        if (secret is not null)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            request.Headers.Add(ChatwootSignature.TimestampHeader, timestamp);
            request.Headers.Add(ChatwootSignature.SignatureHeader, ChatwootSignature.Sign(secret, timestamp, body));
        }
        sign?.Invoke(request, body);
        return await app.CreateClient().SendAsync(request);
    }

    private Task<IReadOnlyList<ChatwootRequest>> RepliesInAsync(long account, long conversation, int count = 1) =>
        _chatwoot.WaitForAsync(r => r.Path == $"/api/v1/accounts/{account}/conversations/{conversation}/messages", count);

    private List<ChatwootRequest> Sent(long account, long conversation) =>
        _chatwoot.Requests.Where(r => r.Path.StartsWith($"/api/v1/accounts/{account}/conversations/{conversation}/", StringComparison.Ordinal)).ToList();

    /// <summary>Answered: a later message in another conversation of the same tenant was, and the inbox works in order of arrival per tenant or faster.</summary>
    private async Task SettleAsync(Setup setup)
    {
        var conversation = NewId();
        (await PostAsync(ChatwootFixtures.Incoming(setup.Account, NewId(), conversation, "hola"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await RepliesInAsync(setup.Account, conversation)).Should().NotBeEmpty("a plain question is answered");
        await Task.Delay(300);
    }

    [Fact]
    public async Task The_agent_bot_fixture_is_answered_in_its_conversation_with_the_bots_token()
    {
        var setup = await ConfigureAsync();
        var payload = ChatwootFixtures.Load(ChatwootFixtures.AgentBotIncoming);
        payload["account"]!["id"] = setup.Account;
        payload["id"] = NewId();

        var ack = await Http.ReadAsync(await PostAsync(payload), 200);

        ack.Str("status").Should().Be("accepted");
        var reply = (await RepliesInAsync(setup.Account, 88)).Should().ContainSingle().Subject;
        reply.Token.Should().Be(setup.Token);
        reply.ContentType.Should().StartWith("application/json");
        reply.Body!["message_type"]!.GetValue<string>().Should().Be("outgoing");
        reply.Body["private"]!.GetValue<bool>().Should().BeFalse();
        reply.Body["content"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();

        var conversations = await setup.Tenant.KeyClient().GetJsonAsync("/api/conversations?channel=chatwoot");
        var id = conversations.Ids().Should().ContainSingle().Subject;
        var detail = await setup.Tenant.KeyClient().GetJsonAsync($"/api/conversations/{id}");
        detail["messages"]!.AsArray().Select(m => m!.Str("role")).Should().Equal("user", "assistant");
        detail["messages"]![0]!.Str("content").Should().Be("Does it come in another color?");
    }

    [Fact]
    public async Task The_account_webhook_fixture_in_an_open_conversation_is_stored_not_answered()
    {
        var setup = await ConfigureAsync();
        var payload = ChatwootFixtures.Load(ChatwootFixtures.AccountWebhookIncoming);
        payload["account"]!["id"] = setup.Account;
        var conversation = NewId();
        payload["conversation"]!["id"] = conversation;
        payload["id"] = NewId();

        (await Http.ReadAsync(await PostAsync(payload), 200)).Str("status").Should().Be("accepted");
        await SettleAsync(setup);

        Sent(setup.Account, conversation).Should().BeEmpty("a human has the conversation");
        var client = setup.Tenant.KeyClient();
        var stored = await WaitForConversationAsync(client, "handoff");
        var detail = await client.GetJsonAsync($"/api/conversations/{stored}");
        detail["messages"]!.AsArray().Select(m => m!.Str("content")).Should().Equal("Does it come in another color?");
    }

    [Fact]
    public async Task Conversation_created_and_outgoing_private_or_agent_messages_are_acknowledged_and_never_answered()
    {
        var setup = await ConfigureAsync();
        var conversation = NewId();
        var created = ChatwootFixtures.Load(ChatwootFixtures.ConversationCreated);
        created["id"] = conversation;
        created["messages"]![0]!["account_id"] = setup.Account;
        var variants = new List<JsonObject> { created };
        foreach (var change in new Action<JsonObject>[]
        {
            p => p["message_type"] = "outgoing",
            p => p["message_type"] = 1,
            p => p["private"] = true,
            p => p["message_type"] = "activity",
            p => p["sender"]!["type"] = "user",
            p => p["sender"]!["type"] = "agent_bot",
            p => p["event"] = "message_updated",
            p => p["event"] = "conversation_status_changed",
        })
        {
            var payload = ChatwootFixtures.Incoming(setup.Account, NewId(), conversation, "Our own words");
            change(payload);
            variants.Add(payload);
        }

        foreach (var payload in variants)
        {
            (await Http.ReadAsync(await PostAsync(payload), 200)).Str("status").Should().Be("ignored");
        }
        await SettleAsync(setup);

        Sent(setup.Account, conversation).Should().BeEmpty();
    }

    [Fact]
    public async Task A_redelivered_message_is_answered_once()
    {
        var setup = await ConfigureAsync();
        var conversation = NewId();
        var payload = ChatwootFixtures.Incoming(setup.Account, NewId(), conversation, "¿Qué horario tienen?");
        var delivery = Guid.NewGuid().ToString();

        var statuses = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            statuses.Add((await Http.ReadAsync(await PostAsync(payload, delivery: delivery), 200)).Str("status"));
        }
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(payload, delivery: Guid.NewGuid().ToString())));

        statuses.Should().Equal("accepted", "duplicate", "duplicate");
        concurrent.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        await RepliesInAsync(setup.Account, conversation);
        await SettleAsync(setup);
        _chatwoot.Requests.Count(r => r.Path == $"/api/v1/accounts/{setup.Account}/conversations/{conversation}/messages").Should().Be(1);
    }

    [Fact]
    public async Task An_emergency_is_answered_and_handed_to_chatwoots_agents()
    {
        var setup = await ConfigureAsync(extra: new { sector = "clinic" });
        var conversation = NewId();

        await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(setup.Account, NewId(), conversation,
            "Me hice el botox ayer y tengo mucha dificultad para respirar")), 200);

        var reply = (await RepliesInAsync(setup.Account, conversation)).Should().ContainSingle().Subject;
        reply.Body!["content"]!.GetValue<string>().Should().Contain("urgencia");
        var toggle = (await _chatwoot.WaitForAsync(r => r.Path == $"/api/v1/accounts/{setup.Account}/conversations/{conversation}/toggle_status"))
            .Should().ContainSingle().Subject;
        toggle.Token.Should().Be(setup.Token);
        toggle.Body!.ToJsonString().Should().Be("{\"status\":\"open\"}");
        var order = _chatwoot.Requests.Where(r => r.Path.Contains($"/conversations/{conversation}/", StringComparison.Ordinal)).Select(r => r.Path).ToList();
        order.FindIndex(p => p.EndsWith("/messages", StringComparison.Ordinal)).Should().BeLessThan(
            order.FindIndex(p => p.EndsWith("/toggle_status", StringComparison.Ordinal)), "the customer reads the answer before the conversation goes to a person");

        // The next message, still marked pending by a Chatwoot that has not caught up, is kept for the human.
        await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(setup.Account, NewId(), conversation, "¿Hola?")), 200);
        await SettleAsync(setup);
        Sent(setup.Account, conversation).Count(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task A_message_with_only_an_attachment_gets_a_polite_reply_that_only_text_is_read()
    {
        var setup = await ConfigureAsync();
        var conversation = NewId();
        var payload = ChatwootFixtures.Incoming(setup.Account, NewId(), conversation, "");
        payload["attachments"] = new JsonArray(new JsonObject { ["id"] = 1, ["file_type"] = "image", ["data_url"] = "https://chatwoot.example.com/a.jpg" });

        await Http.ReadAsync(await PostAsync(payload), 200);

        var reply = (await RepliesInAsync(setup.Account, conversation)).Should().ContainSingle().Subject;
        reply.Body!["content"]!.GetValue<string>().Should().Contain("texto");
    }

    [Fact]
    public async Task With_a_secret_a_good_signature_is_answered_and_a_bad_missing_or_stale_one_is_401_and_stores_nothing()
    {
        var setup = await ConfigureAsync(webhookSecret: "whsec-" + Guid.NewGuid().ToString("N"));
        var secret = setup.Secret!;
        var rejected = NewId();
        var payload = ChatwootFixtures.Incoming(setup.Account, NewId(), rejected, "hola");

        await Http.ProblemAsync(await PostAsync(payload), 401);
        await Http.ProblemAsync(await PostAsync(payload, secret: "wrong-secret"), 401);
        await Http.ProblemAsync(await PostAsync(payload, path: $"/webhooks/chatwoot/{setup.Tenant.Slug}"), 401);
        await Http.ProblemAsync(await PostAsync(payload, sign: (request, body) =>
        {
            var stale = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            request.Headers.Add(ChatwootSignature.TimestampHeader, stale);
            request.Headers.Add(ChatwootSignature.SignatureHeader, ChatwootSignature.Sign(secret, stale, body));
        }), 401);

        var answered = NewId();
        await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(setup.Account, NewId(), answered, "hola"), secret: secret), 200);
        (await RepliesInAsync(setup.Account, answered)).Should().ContainSingle();
        Sent(setup.Account, rejected).Should().BeEmpty();
        (await setup.Tenant.KeyClient().GetJsonAsync("/api/conversations?channel=chatwoot")).Ids().Should().ContainSingle("nothing of the rejected deliveries was stored");
    }

    [Fact]
    public async Task A_changed_secret_or_account_counts_at_once_and_a_removed_channel_takes_nothing()
    {
        var setup = await ConfigureAsync(webhookSecret: "first-" + Guid.NewGuid().ToString("N"));
        var client = setup.Tenant.KeyClient();
        // Accepted once, so this node has the tenant's settings and the account's tenant at hand.
        (await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(setup.Account, NewId(), NewId(), "hola"), secret: setup.Secret), 200))
            .Str("status").Should().Be("accepted");

        var second = "second-" + Guid.NewGuid().ToString("N");
        await Http.ReadAsync(await client.PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = _chatwoot.BaseUrl, account_id = setup.Account, webhook_secret = second })), 200);
        await Http.ProblemAsync(await PostAsync(ChatwootFixtures.Incoming(setup.Account, NewId(), NewId(), "hola"), secret: setup.Secret), 401);
        (await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(setup.Account, NewId(), NewId(), "hola"), secret: second), 200))
            .Str("status").Should().Be("accepted");

        // Moved to another account: the old one is nobody's any more, the new one is this tenant's.
        var moved = Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);
        await Http.ReadAsync(await client.PutAsync("/api/channels/chatwoot", Http.Json(new { base_url = _chatwoot.BaseUrl, account_id = moved })), 200);
        (await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(setup.Account, NewId(), NewId(), "hola"), secret: second), 200))
            .Str("status").Should().Be("ignored");
        (await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(moved, NewId(), NewId(), "hola"), secret: second), 200))
            .Str("status").Should().Be("accepted");

        (await client.DeleteAsync(new Uri("/api/channels/chatwoot", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(moved, NewId(), NewId(), "hola"), secret: second), 200))
            .Str("status").Should().Be("ignored");
        await Http.ProblemAsync(await PostAsync(ChatwootFixtures.Incoming(moved, NewId(), NewId(), "hola"), path: $"/webhooks/chatwoot/{setup.Tenant.Slug}", secret: second), 404);
    }

    [Fact]
    public async Task The_tenant_path_takes_unsigned_webhooks_when_no_secret_is_set()
    {
        var setup = await ConfigureAsync();
        var conversation = NewId();

        await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(setup.Account, NewId(), conversation, "hola"), path: $"/webhooks/chatwoot/{setup.Tenant.Slug}"), 200);

        (await RepliesInAsync(setup.Account, conversation)).Should().ContainSingle();
    }

    [Fact]
    public async Task An_inbox_specific_configuration_wins_over_an_account_wide_one()
    {
        var wide = await ConfigureAsync();
        var specific = await app.CreateTenantAsync();
        await Http.ReadAsync(await specific.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new
        {
            base_url = _chatwoot.BaseUrl, account_id = wide.Account, inbox_id = 44, api_access_token = "specific-token",
        })), 200);
        var forSpecific = NewId();
        var forWide = NewId();

        await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(wide.Account, NewId(), forSpecific, "hola", inboxId: 44)), 200);
        await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(wide.Account, NewId(), forWide, "hola", inboxId: 45)), 200);

        (await RepliesInAsync(wide.Account, forSpecific)).Should().ContainSingle().Which.Token.Should().Be("specific-token");
        (await RepliesInAsync(wide.Account, forWide)).Should().ContainSingle().Which.Token.Should().Be(wide.Token);
    }

    [Fact]
    public async Task Chatwoot_errors_are_retried_until_the_reply_is_delivered_once()
    {
        var setup = await ConfigureAsync();
        var conversation = NewId();
        _chatwoot.FailFirst(1, 429);

        await Http.ReadAsync(await PostAsync(ChatwootFixtures.Incoming(setup.Account, NewId(), conversation, "hola")), 200);

        var replies = await _chatwoot.WaitForAsync(r => r.Path == $"/api/v1/accounts/{setup.Account}/conversations/{conversation}/messages", 2, TimeSpan.FromSeconds(30));
        replies.Should().HaveCount(2, "the first attempt met a 429 and the second went through");
        await Task.Delay(1500);
        Sent(setup.Account, conversation).Should().HaveCount(2);
    }

    private static async Task<string> WaitForConversationAsync(HttpClient client, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await client.GetJsonAsync($"/api/conversations?channel=chatwoot&status={status}");
            var ids = page.Ids();
            if (ids.Count > 0 || DateTime.UtcNow > until)
            {
                ids.Should().NotBeEmpty($"a {status} chatwoot conversation was expected");
                return ids[0];
            }
            await Task.Delay(100);
        }
    }
}

// Their own hosts and databases: in the shared collections, hosts that other tests derive from the shared factory run
// outbox senders of their own over the same database, and this class counts every request the fake Chatwoot receives.
[CollectionDefinition(Name)]
public sealed class ChatwootSqliteCollection : ICollectionFixture<SqliteFactory>
{
    public const string Name = "chatwoot-sqlite";
}

[CollectionDefinition(Name)]
public sealed class ChatwootPostgresCollection : ICollectionFixture<PostgresFactory>
{
    public const string Name = "chatwoot-postgres";
}

[Collection(ChatwootSqliteCollection.Name)]
public sealed class ChatwootWebhookTestsOnSqlite(SqliteFactory app) : ChatwootWebhookTests(app);

[Collection(ChatwootPostgresCollection.Name)]
public sealed class ChatwootWebhookTestsOnPostgres(PostgresFactory app) : ChatwootWebhookTests(app);
