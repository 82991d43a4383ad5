using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Conversa.Core.Channels.Chatwoot;

namespace Conversa.Api.Tests.Channels.Chatwoot;

/// <summary>
/// What <c>/webhooks/chatwoot</c> answers before anything is stored: a configured secret makes the signature
/// mandatory (bad, missing or stale → 401); what is not a customer's message, an unknown account and payloads we do
/// not understand are acknowledged (200) or refused (400), never a server error.
/// </summary>
public abstract class ChatwootWebhookAcknowledgementTests(ConversaFactory app)
{
    private static long NewId() => Random.Shared.NextInt64(1_000, 1_000_000_000);

    private async Task<(TestTenant Tenant, long Account)> ConfigureAsync(string? webhookSecret = null)
    {
        var tenant = await app.CreateTenantAsync();
        var account = Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);
        await Http.ReadAsync(await tenant.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new
        {
            base_url = "http://127.0.0.1:1", account_id = account, api_access_token = "token", webhook_secret = webhookSecret,
        })), 200);
        return (tenant, account);
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string path = "/webhooks/chatwoot", Action<HttpRequestMessage>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ChatwootSignature.DeliveryHeader, Guid.NewGuid().ToString());
        headers?.Invoke(request);
        return await app.CreateClient().SendAsync(request);
    }

    private static byte[] Bytes(JsonObject payload) => Encoding.UTF8.GetBytes(payload.ToJsonString());

    private static Action<HttpRequestMessage> Signed(string secret, byte[] body, DateTimeOffset? at = null) => request =>
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        request.Headers.Add(ChatwootSignature.TimestampHeader, timestamp);
        request.Headers.Add(ChatwootSignature.SignatureHeader, ChatwootSignature.Sign(secret, timestamp, body));
    };

    [Fact]
    public async Task With_a_secret_a_missing_bad_or_stale_signature_is_401_on_both_paths()
    {
        var (tenant, account) = await ConfigureAsync(webhookSecret: "whsec-" + Guid.NewGuid().ToString("N"));
        var body = Bytes(ChatwootFixtures.Incoming(account, NewId(), NewId(), "hola"));
        var secret = (await tenant.KeyClient().GetJsonAsync("/api/channels/chatwoot"))["webhook_secret_set"]!.GetValue<bool>();
        secret.Should().BeTrue();

        foreach (var path in new[] { "/webhooks/chatwoot", $"/webhooks/chatwoot/{tenant.Slug}" })
        {
            await Http.ProblemAsync(await PostAsync(body, path), 401);
            await Http.ProblemAsync(await PostAsync(body, path, Signed("not-the-secret", body)), 401);
            await Http.ProblemAsync(await PostAsync(body, path, r =>
            {
                r.Headers.Add(ChatwootSignature.TimestampHeader, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                r.Headers.Add(ChatwootSignature.SignatureHeader, "sha256=" + new string('0', 64));
            }), 401);
        }
        (await tenant.KeyClient().GetJsonAsync("/api/conversations?channel=chatwoot")).Ids().Should().BeEmpty("nothing refused was processed");
    }

    [Fact]
    public async Task A_good_signature_with_a_stale_timestamp_is_401()
    {
        const string secret = "whsec-stale";
        var (_, account) = await ConfigureAsync(webhookSecret: secret);
        var body = Bytes(ChatwootFixtures.Incoming(account, NewId(), NewId(), "hola"));

        await Http.ProblemAsync(await PostAsync(body, headers: Signed(secret, body, DateTimeOffset.UtcNow.AddMinutes(-6))), 401);
        await Http.ProblemAsync(await PostAsync(body, headers: Signed(secret, body, DateTimeOffset.UtcNow.AddMinutes(6))), 401);
    }

    [Fact]
    public async Task A_correctly_signed_event_that_is_not_a_customer_message_is_acknowledged()
    {
        const string secret = "whsec-ignored";
        var (_, account) = await ConfigureAsync(webhookSecret: secret);
        var payload = ChatwootFixtures.Incoming(account, NewId(), NewId(), "Our bot's own words");
        payload["message_type"] = "outgoing";
        var body = Bytes(payload);

        var ack = await Http.ReadAsync(await PostAsync(body, headers: Signed(secret, body)), 200);

        ack.Str("status").Should().Be("ignored");
    }

    [Fact]
    public async Task Our_own_agents_private_and_other_events_are_acknowledged_and_ignored()
    {
        var (_, account) = await ConfigureAsync();
        var conversation = NewId();
        var created = ChatwootFixtures.Load(ChatwootFixtures.ConversationCreated);
        created["messages"]![0]!["account_id"] = account;
        var variants = new List<JsonObject> { created };
        foreach (var change in new Action<JsonObject>[]
        {
            p => p["message_type"] = "outgoing",
            p => p["message_type"] = 1,
            p => p["message_type"] = "activity",
            p => p["message_type"] = 3,
            p => p["private"] = true,
            p => p["sender"]!["type"] = "user",
            p => p["sender"]!["type"] = "agent_bot",
            p => p["event"] = "message_updated",
            p => p["event"] = "conversation_status_changed",
            p => p["content"] = "",
        })
        {
            var payload = ChatwootFixtures.Incoming(account, NewId(), conversation, "text");
            change(payload);
            variants.Add(payload);
        }

        foreach (var payload in variants)
        {
            (await Http.ReadAsync(await PostAsync(Bytes(payload)), 200)).Str("status").Should().Be("ignored", payload.ToJsonString()[..80]);
        }
    }

    [Fact]
    public async Task An_unknown_account_is_acknowledged_and_an_unknown_tenant_path_is_404()
    {
        var body = Bytes(ChatwootFixtures.Incoming(NewId() * 1000, NewId(), NewId(), "hola"));

        (await Http.ReadAsync(await PostAsync(body), 200)).Str("status").Should().Be("ignored");
        await Http.ProblemAsync(await PostAsync(body, "/webhooks/chatwoot/no-such-tenant-" + NewId()), 404);
    }

    [Fact]
    public async Task The_tenant_path_ignores_another_accounts_payload()
    {
        var (tenant, account) = await ConfigureAsync();

        var ack = await Http.ReadAsync(await PostAsync(Bytes(ChatwootFixtures.Incoming(account + 1, NewId(), NewId(), "hola")), $"/webhooks/chatwoot/{tenant.Slug}"), 200);

        ack.Str("status").Should().Be("ignored");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{\"event\": \"message_created\", ")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"event\": \"message_created\", \"message_type\": \"incoming\", \"id\": {}, \"account\": {\"id\": \"x\"}}")]
    [InlineData("{\"event\": \"message_created\", \"account\": {\"id\": 1.5}, \"conversation\": 7}")]
    [InlineData("{\"event\": [1], \"message_type\": {\"a\": 1}, \"private\": \"maybe\", \"sender\": [], \"attachments\": 3}")]
    public async Task Malformed_payloads_are_acknowledged_or_refused_never_a_server_error(string text)
    {
        var (tenant, _) = await ConfigureAsync();

        foreach (var path in new[] { "/webhooks/chatwoot", $"/webhooks/chatwoot/{tenant.Slug}" })
        {
            var response = await PostAsync(Encoding.UTF8.GetBytes(text), path);
            ((int)response.StatusCode).Should().BeOneOf([200, 400], "{0} on {1}", text, path);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                await Http.ProblemAsync(response, 400);
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChatwootWebhookAcknowledgementTestsOnSqlite(SqliteFactory app) : ChatwootWebhookAcknowledgementTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ChatwootWebhookAcknowledgementTestsOnPostgres(PostgresFactory app) : ChatwootWebhookAcknowledgementTests(app);
