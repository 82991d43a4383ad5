using System.Text;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Conversa.Core.Channels.Chatwoot;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Channels.Chatwoot;
using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Channels.Chatwoot;

/// <summary>
/// The Chatwoot inbox handler and outbox sender as the inbox and outbox workers call them, inside the tenant's scope:
/// a customer's message is answered in its Chatwoot conversation (once, however often it is handled), an open
/// conversation is kept for its human, an emergency is answered and handed off; the sender posts replies and
/// handoffs to a fake Chatwoot and judges its errors.
/// </summary>
public abstract class ChatwootHandlingTests(ConversaFactory app) : IAsyncLifetime
{
    private FakeChatwoot _chatwoot = null!;

    public async Task InitializeAsync() => _chatwoot = await FakeChatwoot.StartAsync();

    public async Task DisposeAsync() => await _chatwoot.DisposeAsync();

    private static long NewId() => Random.Shared.NextInt64(1_000, 1_000_000_000);

    private async Task<(TestTenant Tenant, long Account)> ConfigureAsync(object? extra = null)
    {
        var tenant = await app.CreateTenantAsync(extra: extra);
        var account = Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);
        await Http.ReadAsync(await tenant.KeyClient().PutAsync("/api/channels/chatwoot", Http.Json(new
        {
            base_url = _chatwoot.BaseUrl, account_id = account, api_access_token = "bot-token-" + tenant.Slug,
        })), 200);
        return (tenant, account);
    }

    private async Task HandleAsync(TestTenant tenant, long account, JsonObject payload)
    {
        var message = ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(payload.ToJsonString()))!.Message!;
        var item = new InboxItem(ChatwootInboxHandler.ChannelName, ChatwootInboxHandler.KeyOf(tenant.Id, message.MessageId), tenant.Id,
            ChatwootInboxHandler.MessageKind, ChatwootInboxHandler.PayloadOf(account, message));
        var handler = app.Services.GetServices<IInboxHandler>().Single(h => h.Channel == "chatwoot");
        await app.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
        {
            await handler.HandleAsync(item, services, CancellationToken.None);
            return true;
        });
    }

    private static async Task<JsonNode> OnlyConversationAsync(TestTenant tenant)
    {
        var client = tenant.KeyClient();
        var id = (await client.GetJsonAsync("/api/conversations?channel=chatwoot")).Ids().Should().ContainSingle().Subject;
        return await client.GetJsonAsync($"/api/conversations/{id}");
    }

    private static IEnumerable<string> Roles(JsonNode conversation) => conversation["messages"]!.AsArray().Select(m => m!.Str("role"));

    [Fact]
    public async Task A_customers_message_is_answered_in_its_chatwoot_conversation_once_however_often_it_is_handled()
    {
        var (tenant, account) = await ConfigureAsync();
        var payload = ChatwootFixtures.Load(ChatwootFixtures.AgentBotIncoming);
        payload["account"]!["id"] = account;

        await HandleAsync(tenant, account, payload);
        await HandleAsync(tenant, account, payload);

        var conversation = await OnlyConversationAsync(tenant);
        conversation.Str("status").Should().Be("active");
        Roles(conversation).Should().Equal("user", "assistant");
        conversation["messages"]![0]!.Str("content").Should().Be("Does it come in another color?");
        conversation["messages"]![1]!.Str("content").Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_message_in_a_conversation_a_human_has_is_kept_and_not_answered()
    {
        var (tenant, account) = await ConfigureAsync();
        var payload = ChatwootFixtures.Load(ChatwootFixtures.AccountWebhookIncoming);
        payload["account"]!["id"] = account;

        await HandleAsync(tenant, account, payload);

        var conversation = await OnlyConversationAsync(tenant);
        conversation.Str("status").Should().Be("handoff");
        Roles(conversation).Should().Equal("user");
    }

    [Fact]
    public async Task An_emergency_is_answered_and_the_conversation_handed_off()
    {
        var (tenant, account) = await ConfigureAsync(new { sector = "clinic" });
        var conversationId = NewId();

        await HandleAsync(tenant, account, ChatwootFixtures.Incoming(account, NewId(), conversationId, "Me hice el botox ayer y tengo mucha dificultad para respirar"));
        await HandleAsync(tenant, account, ChatwootFixtures.Incoming(account, NewId(), conversationId, "¿Hola? ¿Me escuchan?"));

        var conversation = await OnlyConversationAsync(tenant);
        conversation.Str("status").Should().Be("handoff");
        Roles(conversation).Should().Equal("user", "assistant", "user");
        conversation["messages"]![1]!.Str("content").Should().Contain("urgencia");
    }

    [Fact]
    public async Task Chatwoot_giving_the_conversation_back_to_the_bot_lets_it_answer_again()
    {
        var (tenant, account) = await ConfigureAsync();
        var conversationId = NewId();
        await HandleAsync(tenant, account, ChatwootFixtures.Incoming(account, NewId(), conversationId, "hola", status: "open"));

        await HandleAsync(tenant, account, ChatwootFixtures.Incoming(account, NewId(), conversationId, "¿siguen ahí?", status: "pending"));

        var conversation = await OnlyConversationAsync(tenant);
        conversation.Str("status").Should().Be("active");
        Roles(conversation).Should().Equal("user", "user", "assistant");
    }

    [Fact]
    public async Task Only_an_attachment_gets_a_polite_reply_that_only_text_is_read()
    {
        var (tenant, account) = await ConfigureAsync();
        var payload = ChatwootFixtures.Incoming(account, NewId(), NewId(), "");
        payload["attachments"] = new JsonArray(new JsonObject { ["file_type"] = "audio" });

        await HandleAsync(tenant, account, payload);
        await HandleAsync(tenant, account, payload);

        var conversation = await OnlyConversationAsync(tenant);
        Roles(conversation).Should().Equal("user", "assistant");
        conversation["messages"]![1]!.Str("content").Should().Contain("texto");
    }

    [Fact]
    public async Task A_contact_without_a_phone_is_known_by_its_chatwoot_id()
    {
        var (tenant, account) = await ConfigureAsync();
        var first = ChatwootFixtures.Incoming(account, NewId(), NewId(), "hola");
        first["sender"]!["phone_number"] = null;
        first["sender"]!["email"] = "sheena@example.com";
        var second = ChatwootFixtures.Incoming(account, NewId(), NewId(), "buenas");
        second["sender"]!["phone_number"] = null;

        await HandleAsync(tenant, account, first);
        await HandleAsync(tenant, account, second);

        var client = tenant.KeyClient();
        var conversations = (await client.GetJsonAsync("/api/conversations?channel=chatwoot"))["items"]!.AsArray();
        conversations.Should().HaveCount(2, "two Chatwoot conversations");
        conversations.Select(c => c!["contact"]!.Str("id")).Distinct().Should().ContainSingle("one Chatwoot contact");
    }

    [Fact]
    public async Task The_sender_posts_replies_and_handoffs_to_chatwoot_and_judges_its_errors()
    {
        var (tenant, account) = await ConfigureAsync();
        var sender = app.Services.GetServices<IChannelSender>().Single(s => s.Channel == "chatwoot");
        var conversationId = Guid.NewGuid();
        OutboundMessage Message(string kind, string text = "") => new(tenant.Id, tenant.Slug, null, text, "assistant_reply", Guid.NewGuid(),
            ConversationChannel.Chatwoot, conversationId, "88", kind);
        Task<SendOutcome> SendAsync(OutboundMessage message) => app.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id,
            services => sender.SendAsync(new OutboxDelivery(Guid.NewGuid(), tenant.Id, tenant.Slug, message, 1, services), CancellationToken.None));

        (await SendAsync(Message(OutboundMessage.TextKind, "Yes! It also comes in blue and green."))).Should().Be(new SendOutcome.Sent("90212"));
        (await SendAsync(Message(OutboundMessage.HandoffKind))).Should().Be(new SendOutcome.Sent(null));
        _chatwoot.FailFirst(1, 503);
        (await SendAsync(Message(OutboundMessage.TextKind, "hola"))).Should().BeOfType<SendOutcome.Retry>();
        _chatwoot.FailFirst(1, 401);
        (await SendAsync(Message(OutboundMessage.TextKind, "hola"))).Should().BeOfType<SendOutcome.Failed>();

        var requests = _chatwoot.Requests.ToList();
        requests[0].Path.Should().Be($"/api/v1/accounts/{account}/conversations/88/messages");
        requests[0].Token.Should().Be("bot-token-" + tenant.Slug);
        requests[0].Body!.ToJsonString().Should().Be(ChatwootFixtures.Load("chatwoot_bot_reply_request.json")["body"]!.ToJsonString());
        requests[1].Path.Should().Be($"/api/v1/accounts/{account}/conversations/88/toggle_status");
        requests[1].Body!.ToJsonString().Should().Be("{\"status\":\"open\"}");

        var other = await app.CreateTenantAsync();
        var unconfigured = await app.Services.GetRequiredService<TenantScope>().RunAsync(other.Id, services => sender.SendAsync(
            new OutboxDelivery(Guid.NewGuid(), other.Id, other.Slug, Message(OutboundMessage.TextKind, "hola") with { TenantId = other.Id }, 1, services), CancellationToken.None));
        unconfigured.Should().BeOfType<SendOutcome.Failed>();
    }

    [Fact]
    public async Task The_sender_takes_only_messages_of_a_chatwoot_conversation()
    {
        var (tenant, _) = await ConfigureAsync();
        var sender = app.Services.GetServices<IChannelSender>().Single(s => s.Channel == "chatwoot");
        var reply = new OutboundMessage(tenant.Id, tenant.Slug, null, "hola", "assistant_reply", Guid.NewGuid(), ConversationChannel.Chatwoot, Guid.NewGuid(), "88");

        var takes = await app.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
        {
            var db = services.GetRequiredService<Conversa.Infrastructure.Persistence.AppDbContext>();
            return new[]
            {
                await sender.HandlesAsync(reply, db, CancellationToken.None),
                await sender.HandlesAsync(reply with { Channel = ConversationChannel.Whatsapp }, db, CancellationToken.None),
                await sender.HandlesAsync(reply with { Channel = null, ThreadId = null }, db, CancellationToken.None),
                await sender.HandlesAsync(reply with { ThreadId = null }, db, CancellationToken.None),
            };
        });

        takes.Should().Equal(true, false, false, false);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChatwootHandlingTestsOnSqlite(SqliteFactory app) : ChatwootHandlingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ChatwootHandlingTestsOnPostgres(PostgresFactory app) : ChatwootHandlingTests(app);
