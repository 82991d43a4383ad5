using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Models;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// With a chat model configured for the tenant, <c>/api/chat</c> turns go to the model (against a local fake that
/// speaks OpenAI's protocol) with the persona, the facts-only rule, the conversation so far and the agent's tools;
/// a failing model falls back to the builtin answer; an emergency never reaches the model.
/// </summary>
public abstract class ChatModelTurnTests(ConversaFactory app) : ChatModelTestBase(app)
{
    [Fact]
    public async Task A_configured_model_phrases_the_reply_with_the_persona_and_the_conversation_so_far()
    {
        var tenant = await TenantAsync(OpenAiSettings());
        await (await tenant.OwnerClientAsync()).PatchJsonAsync("/api/tenant", new { settings = new { assistant = new { name = "María, asesora de Benova" } } }, 200);
        var client = tenant.KeyClient();

        await client.PostJsonAsync("/api/chat", new { message = "hola", contact_id = "m" }, 200);
        var reply = await client.PostJsonAsync("/api/chat", new { message = "muchas gracias", contact_id = "m" }, 200);

        reply.Str("agent").Should().Be("router");
        reply.Str("reply").Should().StartWith("Según la herramienta", "the fake answers from the tool round it asked for");
        reply["handoff"]!.GetValue<bool>().Should().BeFalse("the fake called handoff without a reason: the tool failed and did nothing");
        var request = OpenAi.Requests.Last(r => r.Body["messages"]!.AsArray().Count > 2).Body;
        var messages = request["messages"]!.AsArray();
        var system = messages[0]!["content"]!.GetValue<string>();
        system.Should().Contain("María, asesora de Benova").And.Contain("Use only facts returned by your tools");
        messages.Select(m => m!["role"]!.GetValue<string>()).Take(4).Should().Equal("system", "user", "assistant", "user");
        request["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).Should().Contain("handoff");
    }

    [Fact]
    public async Task A_failing_model_falls_back_to_the_builtin_answer()
    {
        var tenant = await TenantAsync(OpenAiSettings());
        FailWith("openai", 500);

        var reply = await tenant.KeyClient().PostJsonAsync("/api/chat", new { message = "hola", contact_id = "f" }, 200);

        reply.Str("agent").Should().Be("router");
        reply.Str("reply").Should().StartWith("¡Hola!");
        OpenAi.Requests.Should().NotBeEmpty("the model was tried first");
    }

    [Fact]
    public async Task An_emergency_is_answered_with_the_fixed_message_without_asking_the_model()
    {
        var tenant = await App.CreateTenantAsync(extra: new { sector = "clinic" });
        await PatchAiAsync(tenant, OpenAiSettings());

        var reply = await tenant.KeyClient().PostJsonAsync("/api/chat", new { message = "estoy sangrando mucho", contact_id = "e" }, 200);

        reply.Str("agent").Should().Be("emergency");
        reply["handoff"]!.GetValue<bool>().Should().BeTrue();
        OpenAi.Requests.Should().BeEmpty();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChatModelTurnTestsOnSqlite(SqliteFactory app) : ChatModelTurnTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ChatModelTurnTestsOnPostgres(PostgresFactory app) : ChatModelTurnTests(app);
