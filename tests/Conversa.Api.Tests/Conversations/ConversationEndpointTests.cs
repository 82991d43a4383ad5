using System.Text.Json.Nodes;
using Conversa.Api.Tests.Personal;
using Conversa.Api.Tests.Support;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Conversations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Conversations;

/// <summary>
/// The staff side of conversations over HTTP: lists, detail, hand-off and hand-back, human replies, deletion — on
/// conversations seeded through the engine's door (<see cref="ConversationStore"/>), with a hand-moved clock.
/// </summary>
public abstract class ConversationEndpointTests(ConversaFactory app) : IDisposable
{
    // Bogotá has no daylight saving time: every time below is shown at -05:00.
    private readonly TestClock _clock = new(new DateTimeOffset(2030, 5, 10, 15, 0, 0, TimeSpan.Zero));
    private WebApplicationFactory<Program>? _host;

    private WebApplicationFactory<Program> Host => _host ??= app.WithWebHostBuilder(b => b
        .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));

    public void Dispose()
    {
        _host?.Dispose();
        GC.SuppressFinalize(this);
    }

    private HttpClient KeyClient(TestTenant tenant)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", tenant.Key);
        return client;
    }

    [Fact]
    public async Task A_conversation_stored_by_the_engine_is_listed_and_shown_with_its_messages_in_the_tenants_time()
    {
        var tenant = await app.CreateTenantAsync();
        var contact = await Host.ContactAsync(tenant, "Ana Pérez", "+573001112233");
        var id = await Host.ConversationAsync(tenant, contact, ConversationChannel.Whatsapp, ("Hola, ¿cuánto cuesta el botox?", "El botox cuesta 350.000 COP."));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Host.StoreAsync(tenant, s => s.AppendAsync(id, NewMessage.FromUser("Gracias"), CancellationToken.None));
        var client = KeyClient(tenant);

        var list = await client.GetJsonAsync("/api/conversations");
        list["total"]!.GetValue<int>().Should().Be(1);
        list["next_cursor"].Should().BeNull();
        var item = list["items"]![0]!;
        item.Str("id").Should().Be(id.ToString());
        item["contact"]!.Str("id").Should().Be(contact.ToString());
        item["contact"]!.Str("name").Should().Be("Ana Pérez");
        item["contact"]!.Str("phone").Should().Be("+573001112233");
        item.Str("channel").Should().Be("whatsapp");
        item.Str("assistant").Should().Be("customer");
        item.Str("status").Should().Be("active");
        item["bot_enabled"]!.GetValue<bool>().Should().BeTrue();
        item["message_count"]!.GetValue<int>().Should().Be(3);
        item["last_message"]!.Str("role").Should().Be("user");
        item["last_message"]!.Str("content").Should().Be("Gracias");
        item["last_message"]!.Str("created_at").Should().Be("2030-05-10T10:05:00-05:00");
        item.Str("last_message_at").Should().Be("2030-05-10T10:05:00-05:00");
        item.Str("created_at").Should().Be("2030-05-10T10:00:00-05:00");
        item.AsObject().ContainsKey("messages").Should().BeFalse("a list shows no messages");

        var detail = await client.GetJsonAsync($"/api/conversations/{id}");
        detail["message_count"]!.GetValue<int>().Should().Be(3);
        var messages = detail["messages"]!.AsArray();
        messages.Select(m => m!.Str("role")).Should().Equal("user", "assistant", "user");
        messages.Select(m => m!.Str("content")).Should().Equal("Hola, ¿cuánto cuesta el botox?", "El botox cuesta 350.000 COP.", "Gracias");
        var answer = messages[1]!;
        answer.Str("agent").Should().Be("support");
        answer.Str("intent").Should().Be("faq");
        answer.Str("delivery_status").Should().Be("delivered");
        answer["latency_ms"]!.GetValue<int>().Should().Be(12);
        answer["metadata"]!["sources"]![0]!.GetValue<string>().Should().Be("doc-1");
        answer.Str("created_at").Should().Be("2030-05-10T10:00:00-05:00");
        messages[0]!["delivery_status"].Should().BeNull("inbound messages have no delivery status");
        messages[0]!["agent"].Should().BeNull();
        messages[2]!.Str("created_at").Should().Be("2030-05-10T10:05:00-05:00");
    }

    [Fact]
    public async Task Lists_filter_by_status_channel_and_contact_and_page_newest_activity_first()
    {
        var tenant = await app.CreateTenantAsync();
        var ana = await Host.ContactAsync(tenant, "Ana", "+573001110001");
        var luis = await Host.ContactAsync(tenant, "Luis", "+573001110002");
        var first = await Host.ConversationAsync(tenant, ana, ConversationChannel.Whatsapp, ("uno", null));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Host.ConversationAsync(tenant, ana, ConversationChannel.Widget, ("dos", null));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var third = await Host.ConversationAsync(tenant, luis, ConversationChannel.Whatsapp, ("tres", null));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var empty = (await Host.StoreAsync(tenant, s => s.OpenAsync(new ConversationKey(luis, ConversationChannel.Api), CancellationToken.None)))!.Conversation.Id;
        _clock.Advance(TimeSpan.FromMinutes(1));
        // A new message brings the oldest conversation to the top.
        await Host.StoreAsync(tenant, s => s.AppendAsync(first, NewMessage.FromUser("otra vez"), CancellationToken.None));
        await Host.StoreAsync(tenant, s => s.HandOffAsync(third, "pidió un humano", CancellationToken.None));
        var client = KeyClient(tenant);

        (await client.GetJsonAsync("/api/conversations")).Ids().Should().Equal(first.ToString(), empty.ToString(), third.ToString(), second.ToString());
        var emptyItem = (await client.GetJsonAsync($"/api/conversations/{empty}"));
        emptyItem["last_message"].Should().BeNull();
        emptyItem["last_message_at"].Should().BeNull("it has no messages yet");
        emptyItem["messages"]!.AsArray().Should().BeEmpty();

        (await client.GetJsonAsync("/api/conversations?channel=whatsapp")).Ids().Should().Equal(first.ToString(), third.ToString());
        (await client.GetJsonAsync("/api/conversations?status=handoff")).Ids().Should().Equal(third.ToString());
        (await client.GetJsonAsync("/api/conversations?status=active&channel=whatsapp")).Ids().Should().Equal(first.ToString());
        (await client.GetJsonAsync($"/api/conversations?contact_id={ana}")).Ids().Should().Equal(first.ToString(), second.ToString());
        (await client.GetJsonAsync("/api/conversations?status=closed"))["total"]!.GetValue<int>().Should().Be(0);

        var page1 = await client.GetJsonAsync("/api/conversations?limit=3");
        page1.Ids().Should().Equal(first.ToString(), empty.ToString(), third.ToString());
        page1["total"]!.GetValue<int>().Should().Be(4);
        var page2 = await client.GetJsonAsync($"/api/conversations?limit=3&cursor={Uri.EscapeDataString(page1.Str("next_cursor"))}");
        page2.Ids().Should().Equal(second.ToString());
        page2["next_cursor"].Should().BeNull();

        var invalid = await Http.ProblemAsync(await client.GetAsync("/api/conversations?status=open&channel=telegram&contact_id=ana"), 400);
        invalid["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["status", "channel", "contact_id"]);
        (await Http.ProblemAsync(await client.GetAsync("/api/conversations?limit=500"), 400))["errors"]!["limit"].Should().NotBeNull();
        (await Http.ProblemAsync(await client.GetAsync("/api/conversations?cursor=nonsense"), 400))["errors"]!["cursor"].Should().NotBeNull();
    }

    [Fact]
    public async Task Handing_off_silences_the_bot_until_handed_back_and_both_are_idempotent()
    {
        var tenant = await app.CreateTenantAsync();
        var id = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant), ConversationChannel.Api, ("quiero hablar con alguien", "Te comunico."));
        var client = KeyClient(tenant);

        var handedOff = await client.PostJsonAsync($"/api/conversations/{id}/handoff", new { reason = "asked for a human" }, 200);
        handedOff.Str("status").Should().Be("handoff");
        handedOff["bot_enabled"]!.GetValue<bool>().Should().BeFalse();
        handedOff.Str("handoff_reason").Should().Be("asked for a human");
        handedOff.Str("handoff_at").Should().Be("2030-05-10T10:00:00-05:00");
        handedOff["message_count"]!.GetValue<int>().Should().Be(2, "the view is the conversation's, with its counts");

        _clock.Advance(TimeSpan.FromMinutes(3));
        var again = await client.PostJsonAsync($"/api/conversations/{id}/handoff", new { reason = "another reason" }, 200);
        again.Str("handoff_reason").Should().Be("asked for a human", "a second hand-off changes nothing");
        again.Str("handoff_at").Should().Be("2030-05-10T10:00:00-05:00");
        (await Host.StoreAsync(tenant, s => s.HandOffAsync(id, "emergency", CancellationToken.None)))!.Changed.Should().BeFalse();
        (await Host.StoredConversationAsync(tenant, id))!.IsHandedOff.Should().BeTrue("the engine sees it must stay silent");

        var back = await client.PostJsonAsync($"/api/conversations/{id}/bot", new { enabled = true }, 200);
        back.Str("status").Should().Be("active");
        back["bot_enabled"]!.GetValue<bool>().Should().BeTrue();
        back["handoff_reason"].Should().BeNull();
        back["handoff_at"].Should().BeNull();
        (await client.PostJsonAsync($"/api/conversations/{id}/bot", new { enabled = true }, 200)).Str("status").Should().Be("active");
        (await Host.StoreAsync(tenant, s => s.HandBackAsync(id, CancellationToken.None)))!.Changed.Should().BeFalse();

        var off = await client.PostJsonAsync($"/api/conversations/{id}/bot", new { enabled = false }, 200);
        off.Str("status").Should().Be("handoff");
        off["bot_enabled"]!.GetValue<bool>().Should().BeFalse();
        off.Str("handoff_at").Should().Be("2030-05-10T10:03:00-05:00");

        // Without a body (or with an empty one) a hand-off needs no reason.
        await client.PostJsonAsync($"/api/conversations/{id}/bot", new { enabled = true }, 200);
        var bare = await Http.ReadAsync(await client.PostAsync($"/api/conversations/{id}/handoff", null), 200);
        bare.Str("status").Should().Be("handoff");
        bare["handoff_reason"].Should().BeNull();
        await Http.ReadAsync(await client.PostAsync($"/api/conversations/{id}/handoff", Http.Raw("{}")), 200);
    }

    [Fact]
    public async Task Bad_bodies_are_400_with_the_field_named()
    {
        var tenant = await app.CreateTenantAsync();
        var id = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant), ConversationChannel.Api, ("hola", null));
        var client = KeyClient(tenant);
        var cases = new (string Path, string Body, string Field)[]
        {
            ("bot", "{}", "enabled"),
            ("bot", """{"enabled": "yes"}""", "enabled"),
            ("bot", """{"enabled": null}""", "enabled"),
            ("handoff", """{"reason": 5}""", "reason"),
            ("handoff", $$"""{"reason": "{{new string('x', Conversation.MaxHandoffReasonLength + 1)}}"}""", "reason"),
            ("messages", "{}", "content"),
            ("messages", """{"content": "   "}""", "content"),
            ("messages", """{"content": 42}""", "content"),
            ("messages", $$"""{"content": "{{new string('x', ConversationDesk.MaxReplyLength + 1)}}"}""", "content"),
        };
        foreach (var (path, body, field) in cases)
        {
            var problem = await Http.ProblemAsync(await client.PostAsync($"/api/conversations/{id}/{path}", Http.Raw(body)), 400);
            problem["errors"]![field].Should().NotBeNull($"{path} {body}");
            problem.Str("detail").Should().NotBeNullOrWhiteSpace();
        }
        (await Http.ProblemAsync(await client.PostAsync($"/api/conversations/{id}/messages", Http.Raw("{not json")), 400)).Str("detail").Should().Contain("JSON");
        (await client.PostAsync($"/api/conversations/{id}/messages", Http.Raw("content=hi", "text/plain"))).StatusCode
            .Should().Be(System.Net.HttpStatusCode.UnsupportedMediaType);
        var stored = await Host.StoredConversationAsync(tenant, id);
        stored!.Status.Should().Be(ConversationStatus.Active);
        stored.MessageCount.Should().Be(1, "nothing was stored by a rejected request");
    }

    [Fact]
    public async Task A_human_reply_is_stored_as_the_agents_sent_through_the_outbox_and_keeps_the_conversation_handed_off()
    {
        var tenant = await app.CreateTenantAsync();
        var id = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant), ConversationChannel.Whatsapp, ("necesito ayuda", "Un momento."));
        var owner = await tenant.OwnerOnAsync(Host);
        var ownerId = (await owner.GetJsonAsync("/api/me")).Str("id");
        await owner.PostJsonAsync($"/api/conversations/{id}/handoff", new { reason = "urgent" }, 200);
        _clock.Advance(TimeSpan.FromMinutes(2));

        var response = await owner.PostAsync($"/api/conversations/{id}/messages", Http.Json(new { content = "  Hola Ana, soy Laura. ¿En qué te ayudo?  " }));
        var reply = await Http.ReadAsync(response, 201);
        response.Headers.Location!.ToString().Should().Be($"/api/conversations/{id}");
        reply.Str("role").Should().Be("agent");
        reply.Str("agent").Should().Be("human");
        reply.Str("content").Should().Be("Hola Ana, soy Laura. ¿En qué te ayudo?");
        reply.Str("delivery_status").Should().Be("pending", "the outbox row waits for its sender");
        reply.Str("sender_user_id").Should().Be(ownerId);
        reply["metadata"]!.Str("outbox_channel").Should().Be("log", "no WhatsApp sender takes it in this host");
        reply.Str("created_at").Should().Be("2030-05-10T10:02:00-05:00");

        var detail = await owner.GetJsonAsync($"/api/conversations/{id}");
        detail.Str("status").Should().Be("handoff", "a human reply does not hand the conversation back");
        detail["bot_enabled"]!.GetValue<bool>().Should().BeFalse();
        detail["message_count"]!.GetValue<int>().Should().Be(3);
        detail["last_message"]!.Str("role").Should().Be("agent");
        detail["messages"]!.AsArray().Last()!.Str("id").Should().Be(reply.Str("id"));

        // A secret key is no user: its replies name no sender.
        var byKey = await KeyClient(tenant).PostJsonAsync($"/api/conversations/{id}/messages", new { content = "Seguimos en contacto." }, 201);
        byKey["sender_user_id"].Should().BeNull();
        (await Host.MessagesAsync(tenant, id)).Select(m => m.Sequence).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public async Task Agents_work_conversations_but_only_owners_admins_and_keys_delete_them()
    {
        var tenant = await app.CreateTenantAsync();
        var id = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant), ConversationChannel.Widget, ("hola", "¡Hola!"));
        var (agent, agentId) = await tenant.MemberAsync("agent", Host);
        (await agent.GetJsonAsync("/api/conversations")).Ids().Should().Equal(id.ToString());
        await agent.PostJsonAsync($"/api/conversations/{id}/handoff", new { }, 200);
        (await agent.PostJsonAsync($"/api/conversations/{id}/messages", new { content = "Te atiendo yo." }, 201)).Str("sender_user_id").Should().Be(agentId.ToString());
        await Http.ProblemAsync(await agent.DeleteAsync($"/api/conversations/{id}"), 403);

        var (admin, _) = await tenant.MemberAsync("admin", Host);
        (await admin.DeleteAsync($"/api/conversations/{id}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        await Http.ProblemAsync(await admin.GetAsync($"/api/conversations/{id}"), 404);
        await Http.ProblemAsync(await admin.DeleteAsync($"/api/conversations/{id}"), 404);
        (await Host.MessagesAsync(tenant, id)).Should().BeEmpty("the messages went with their conversation");

        foreach (var url in new[] { "/api/conversations", $"/api/conversations/{id}" })
        {
            await Http.ProblemAsync(await Host.CreateClient().GetAsync(url), 401);
        }
        await Http.ProblemAsync(await Host.CreateClient().PostAsync($"/api/conversations/{id}/messages", Http.Json(new { content = "x" })), 401);
    }

    [Fact]
    public async Task A_personal_assistant_conversation_is_seen_only_by_its_user()
    {
        var tenant = await app.CreateTenantAsync();
        var (me, myId) = await tenant.MemberAsync("agent", Host);
        var (colleague, _) = await tenant.MemberAsync("admin", Host);
        var owner = await tenant.OwnerOnAsync(Host);
        var myContact = await Host.ContactAsync(tenant, "Yo mismo", "+573009990000");
        var personal = (await Host.StoreAsync(tenant, s => s.OpenAsync(
            new ConversationKey(myContact, ConversationChannel.Whatsapp, ConversationAssistant.Personal, myId), CancellationToken.None)))!.Conversation.Id;
        await Host.StoreAsync(tenant, s => s.AppendAsync(personal, NewMessage.FromUser("¿qué tengo mañana? cita privada"), CancellationToken.None));
        var customer = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant), ConversationChannel.Api, ("hola", null));

        var mine = await me.GetJsonAsync("/api/conversations");
        mine.Ids().Should().BeEquivalentTo([personal.ToString(), customer.ToString()]);
        (await me.GetJsonAsync($"/api/conversations/{personal}")).Str("assistant").Should().Be("personal");
        (await me.GetJsonAsync($"/api/conversations/{personal}")).Str("user_id").Should().Be(myId.ToString());

        foreach (var other in new[] { colleague, owner, KeyClient(tenant) })
        {
            var list = await other.GetJsonAsync("/api/conversations");
            list.Ids().Should().Equal(customer.ToString());
            list.ToJsonString().Should().NotContain("privada");
            await AssertEveryRouteIsNotFoundAsync(other, personal);
        }
        (await Host.StoredConversationAsync(tenant, personal))!.Status.Should().Be(ConversationStatus.Active);
        (await Host.MessagesAsync(tenant, personal)).Should().HaveCount(1);
    }

    [Fact]
    public async Task Another_tenants_conversation_is_404_on_every_route_and_stays_untouched()
    {
        var tenant = await app.CreateTenantAsync();
        var stranger = await app.CreateTenantAsync();
        var id = await Host.ConversationAsync(tenant, await Host.ContactAsync(tenant), ConversationChannel.Whatsapp, ("hola", "¡Hola!"));
        await Host.ConversationAsync(stranger, await Host.ContactAsync(stranger), ConversationChannel.Whatsapp, ("de otro", null));

        foreach (var client in new[] { KeyClient(stranger), await stranger.OwnerOnAsync(Host) })
        {
            await AssertEveryRouteIsNotFoundAsync(client, id);
            var list = await client.GetJsonAsync("/api/conversations");
            list.Ids().Should().NotContain(id.ToString());
            (await client.GetJsonAsync($"/api/conversations?contact_id={(await Host.StoredConversationAsync(tenant, id))!.ContactId}"))["total"]!
                .GetValue<int>().Should().Be(0);
        }
        var stored = await Host.StoredConversationAsync(tenant, id);
        stored!.Status.Should().Be(ConversationStatus.Active);
        stored.MessageCount.Should().Be(2);
        (await KeyClient(tenant).GetJsonAsync($"/api/conversations/{id}"))["messages"]!.AsArray().Should().HaveCount(2);
    }

    /// <summary>Every id route answers 404 — for valid and invalid bodies alike, so a bad body reveals nothing either.</summary>
    private static async Task AssertEveryRouteIsNotFoundAsync(HttpClient client, Guid id)
    {
        var missing = await Http.ProblemAsync(await client.GetAsync($"/api/conversations/{Guid.NewGuid()}"), 404);
        var notFound = await Http.ProblemAsync(await client.GetAsync($"/api/conversations/{id}"), 404);
        notFound.Str("detail").Should().Be(missing.Str("detail"), "someone else's conversation reads like a missing one");
        await Http.ProblemAsync(await client.DeleteAsync($"/api/conversations/{id}"), 404);
        foreach (var (path, good, bad) in new[]
                 {
                     ("handoff", (object)new { reason = "x" }, (object)new { reason = 5 }),
                     ("bot", new { enabled = true }, new { enabled = "yes" }),
                     ("bot", new { enabled = false }, new { }),
                     ("messages", new { content = "hola" }, new { content = "" }),
                 })
        {
            await Http.ProblemAsync(await client.PostAsync($"/api/conversations/{id}/{path}", Http.Json(good)), 404);
            await Http.ProblemAsync(await client.PostAsync($"/api/conversations/{id}/{path}", Http.Json(bad)), 404);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConversationEndpointTestsOnSqlite(SqliteFactory app) : ConversationEndpointTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ConversationEndpointTestsOnPostgres(PostgresFactory app) : ConversationEndpointTests(app);
