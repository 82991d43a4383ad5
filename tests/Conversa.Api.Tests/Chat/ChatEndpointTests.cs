using System.Net.Http.Headers;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// <c>POST /api/chat</c> and the seed's <c>/conversations/{contact_id}/test</c> end to end with the builtin engine:
/// greetings in the persona's name, the no-match policy (offer a person, then hand off), emergencies (safety
/// message, handoff, staff notice), silence once a human has the conversation, SSE, validation and isolation.
/// </summary>
public abstract class ChatEndpointTests(ConversaFactory app)
{
    [Fact]
    public async Task A_greeting_is_answered_by_the_router_in_the_persona_s_name_and_in_the_customer_s_language()
    {
        var tenant = await app.CreateTenantAsync(extra: new { name = "Benova", settings = new { assistant = new { name = "María, asesora de Benova" } } });
        var client = tenant.KeyClient();

        var spanish = await client.PostJsonAsync("/api/chat", new { message = "Hola, buenas tardes", contact_id = "ana" }, 200);
        spanish.Str("agent").Should().Be("router");
        spanish.Str("intent").Should().Be("greeting");
        spanish.Str("reply").Should().Contain("Soy María, asesora de Benova");
        spanish.Str("language").Should().Be("es");
        spanish["handoff"]!.GetValue<bool>().Should().BeFalse();

        var english = await client.PostJsonAsync("/api/chat", new { message = "Hello there, good morning", contact_id = "john" }, 200);
        english.Str("reply").Should().StartWith("Hello!").And.Contain("I'm María, asesora de Benova");
        english.Str("language").Should().Be("en");

        var metrics = await (await app.CreateClient().GetAsync("/metrics")).Content.ReadAsStringAsync();
        metrics.Should().Contain($"conversa_chat_messages_total{{tenant=\"{tenant.Slug}\",channel=\"api\",agent=\"router\"}} 2");
    }

    [Fact]
    public async Task The_same_contact_id_continues_one_conversation_and_the_messages_are_stored_with_agent_and_intent()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();

        var first = await client.PostJsonAsync("/api/chat", new { message = "hola", contact_id = "client-42" }, 200);
        var second = await client.PostJsonAsync("/api/chat", new { message = "muchas gracias", contact_id = "client-42" }, 200);
        var third = await client.PostJsonAsync("/api/chat", new { message = "adiós", conversation_id = first.Str("conversation_id") }, 200);

        second.Str("conversation_id").Should().Be(first.Str("conversation_id"));
        third.Str("conversation_id").Should().Be(first.Str("conversation_id"));
        second.Str("contact_id").Should().Be(first.Str("contact_id"));
        var conversation = await client.GetJsonAsync($"/api/conversations/{first.Str("conversation_id")}");
        var messages = conversation["messages"]!.AsArray();
        messages.Select(m => m!.Str("role")).Should().Equal("user", "assistant", "user", "assistant", "user", "assistant");
        messages[3]!.Str("agent").Should().Be("router");
        messages[3]!.Str("delivery_status").Should().Be("sent");
        conversation.Str("channel").Should().Be("api");
    }

    [Fact]
    public async Task Repeated_no_match_offers_a_person_then_hands_off_and_the_bot_goes_silent()
    {
        var tenant = await app.CreateTenantAsync(extra: new { settings = new { assistant = new { agents_enabled = new[] { "router", "sales" } } } });
        var client = tenant.KeyClient();

        var first = await client.PostJsonAsync("/api/chat", new { message = "xqzv blorft", contact_id = "lost" }, 200);
        first.Str("agent").Should().Be("router");
        first.Str("reply").Should().Contain("no entendí");
        first.Str("reply").Should().NotContain("persona");

        var second = await client.PostJsonAsync("/api/chat", new { message = "plimp zort", contact_id = "lost" }, 200);
        second.Str("reply").Should().Contain("persona del equipo");
        second["handoff"]!.GetValue<bool>().Should().BeFalse();

        var third = await client.PostJsonAsync("/api/chat", new { message = "grumph", contact_id = "lost" }, 200);
        third["handoff"]!.GetValue<bool>().Should().BeTrue();
        third.Str("agent").Should().Be("human");

        var silent = await client.PostJsonAsync("/api/chat", new { message = "¿hola?", contact_id = "lost" }, 200);
        silent.Str("reply").Should().BeEmpty();
        silent["handoff"]!.GetValue<bool>().Should().BeTrue();
        var conversation = await client.GetJsonAsync($"/api/conversations/{first.Str("conversation_id")}");
        conversation.Str("status").Should().Be("handoff");
        conversation["messages"]!.AsArray().Last()!.Str("content").Should().Be("¿hola?", "what arrives while a human has it is still stored");

        await client.PostJsonAsync($"/api/conversations/{first.Str("conversation_id")}/bot", new { enabled = true }, 200);
        var back = await client.PostJsonAsync("/api/chat", new { message = "hola", contact_id = "lost" }, 200);
        back.Str("agent").Should().Be("router");
        back.Str("reply").Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_declined_offer_is_not_repeated_right_away()
    {
        var tenant = await app.CreateTenantAsync(extra: new { settings = new { assistant = new { agents_enabled = new[] { "router" } } } });
        var client = tenant.KeyClient();
        await client.PostJsonAsync("/api/chat", new { message = "xqzv", contact_id = "c" }, 200);
        (await client.PostJsonAsync("/api/chat", new { message = "blorft", contact_id = "c" }, 200)).Str("reply").Should().Contain("persona");

        var declined = await client.PostJsonAsync("/api/chat", new { message = "no, gracias", contact_id = "c" }, 200);
        declined["handoff"]!.GetValue<bool>().Should().BeFalse();
        declined.Str("reply").Should().Contain("sigo aquí");

        foreach (var noise in new[] { "zorp", "plimp", "grumph" })
        {
            var reply = await client.PostJsonAsync("/api/chat", new { message = noise, contact_id = "c" }, 200);
            reply.Str("reply").Should().NotContain("persona", "the offer backs off for an hour");
            reply["handoff"]!.GetValue<bool>().Should().BeFalse();
        }
    }

    [Fact]
    public async Task Asking_for_a_person_hands_off_at_once()
    {
        var tenant = await app.CreateTenantAsync();
        var reply = await tenant.KeyClient().PostJsonAsync("/api/chat", new { message = "quiero hablar con una persona", contact_id = "p" }, 200);
        reply.Str("agent").Should().Be("human");
        reply["handoff"]!.GetValue<bool>().Should().BeTrue();
        reply["actions"]!.AsArray().Select(a => a!.Str("type")).Should().Contain("handoff");
    }

    [Fact]
    public async Task An_emergency_at_a_clinic_gets_the_safety_message_a_handoff_and_a_staff_notice()
    {
        var tenant = await app.CreateTenantAsync(extra: new { sector = "clinic", settings = new { emergency = new { notify_phone = "+573001234567" } } });
        var reply = await tenant.KeyClient().PostJsonAsync("/api/chat",
            new { message = "Me hice el botox ayer y tengo mucha dificultad para respirar", contact_id = "e" }, 200);

        reply.Str("agent").Should().Be("emergency");
        reply.Str("intent").Should().Be("emergency");
        reply["handoff"]!.GetValue<bool>().Should().BeTrue();
        reply.Str("reply").Should().Contain("urgencia");
        var actions = reply["actions"]!.AsArray();
        actions.Select(a => a!.Str("type")).Should().Contain(["emergency", "staff_notified", "handoff"]);
        actions.First(a => a!.Str("type") == "staff_notified")!.Str("recipient").Should().Be("+573001234567");
    }

    [Fact]
    public async Task A_tenant_s_own_emergency_keywords_and_message_apply_outside_health_sectors_too()
    {
        var tenant = await app.CreateTenantAsync(extra: new
        {
            sector = "vehicles",
            settings = new { emergency = new { keywords = new[] { "accidente", "choque" }, message = "Llama al 123 y a tu aseguradora." } },
        });
        var client = tenant.KeyClient();
        var reply = await client.PostJsonAsync("/api/chat", new { message = "tuve un choque en la autopista", contact_id = "v" }, 200);
        reply.Str("agent").Should().Be("emergency");
        reply.Str("reply").Should().Be("Llama al 123 y a tu aseguradora.");

        var painAtDealer = await client.PostJsonAsync("/api/chat", new { message = "tengo un dolor fuerte", contact_id = "w" }, 200);
        painAtDealer.Str("agent").Should().NotBe("emergency", "clinic keywords do not apply to a car dealer");
    }

    [Fact]
    public async Task The_seed_test_endpoint_answers_with_bot_response()
    {
        var tenant = await app.CreateTenantAsync();
        var reply = await tenant.KeyClient().PostJsonAsync("/conversations/573001112233/test", new { message = "hola" }, 200);
        reply.Str("bot_response").Should().NotBeEmpty();
        reply.Str("agent").Should().Be("router");
        Guid.TryParse(reply.Str("conversation_id"), out _).Should().BeTrue();
    }

    [Fact]
    public async Task With_accept_event_stream_the_reply_streams_as_sse_ending_with_done()
    {
        var tenant = await app.CreateTenantAsync(extra: new { settings = new { assistant = new { name = "María, asesora de Benova" } } });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = Http.Json(new { message = "hola", contact_id = "sse" }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await tenant.KeyClient().SendAsync(request);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var text = await response.Content.ReadAsStringAsync();
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events.Length.Should().BeGreaterThan(2);
        events[^1].Should().StartWith("event: done\ndata: ");
        var done = System.Text.Json.Nodes.JsonNode.Parse(events[^1]["event: done\ndata: ".Length..])!;
        var deltas = events[..^1].Select(e => System.Text.Json.Nodes.JsonNode.Parse(e["data: ".Length..])!.Str("delta"));
        string.Concat(deltas).Should().Be(done.Str("reply"));
        done.Str("reply").Should().Contain("María");
    }

    [Fact]
    public async Task Bad_input_is_a_problem_not_a_500()
    {
        var tenant = await app.CreateTenantAsync();
        var client = tenant.KeyClient();
        (await Http.ProblemAsync(await client.PostAsync("/api/chat", Http.Json(new { contact_id = "x" })), 400))["errors"]!["message"].Should().NotBeNull();
        (await Http.ProblemAsync(await client.PostAsync("/api/chat", Http.Json(new { message = 5 })), 400))["errors"]!["message"].Should().NotBeNull();
        (await Http.ProblemAsync(await client.PostAsync("/api/chat", Http.Json(new { message = "hola", channel = "whatsapp" })), 400))["errors"]!["channel"].Should().NotBeNull();
        (await Http.ProblemAsync(await client.PostAsync("/api/chat", Http.Json(new { message = "hola", conversation_id = "nope" })), 400))["errors"]!["conversation_id"].Should().NotBeNull();
        (await Http.ProblemAsync(await client.PostAsync("/api/chat", Http.Json(new { message = new string('a', 4001) })), 400))["errors"]!["message"].Should().NotBeNull();
        await Http.ProblemAsync(await client.PostAsync("/api/chat", Http.Raw("{not json")), 400);
        await Http.ProblemAsync(await client.PostAsync("/api/chat", Http.Json(new { message = "hola", contact_id = Guid.NewGuid().ToString() })), 404);
        var personal = await Http.ProblemAsync(await client.PostAsync("/api/chat", Http.Json(new { message = "hola", assistant = "personal" })), 403);
        personal.Str("detail").Should().Contain("signed-in user");
        (await app.CreateClient().PostAsync("/api/chat", Http.Json(new { message = "hola" }))).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_tenant_s_conversation_or_contact_is_404()
    {
        var owner = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var mine = await owner.KeyClient().PostJsonAsync("/api/chat", new { message = "hola", contact_id = "shared-id" }, 200);

        await Http.ProblemAsync(await other.KeyClient().PostAsync("/api/chat",
            Http.Json(new { message = "hola", conversation_id = mine.Str("conversation_id") })), 404);
        await Http.ProblemAsync(await other.KeyClient().PostAsync("/api/chat",
            Http.Json(new { message = "hola", contact_id = mine.Str("contact_id") })), 404);
        var theirs = await other.KeyClient().PostJsonAsync("/api/chat", new { message = "hola", contact_id = "shared-id" }, 200);
        theirs.Str("contact_id").Should().NotBe(mine.Str("contact_id"), "the same client id in another tenant is another contact");
        theirs.Str("conversation_id").Should().NotBe(mine.Str("conversation_id"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChatEndpointTestsOnSqlite(SqliteFactory app) : ChatEndpointTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ChatEndpointTestsOnPostgres(PostgresFactory app) : ChatEndpointTests(app);
