using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace Conversa.Api.Tests.OpenAi;

/// <summary>
/// <c>/v1</c> through the official OpenAI .NET SDK pointed at the app: what an existing OpenAI client sees when it
/// talks to a tenant's assistant with the tenant's secret key.
/// </summary>
public abstract class OpenAiSdkTests(ConversaFactory app)
{
    private static readonly object Persona = new { assistant = new { name = "María, asesora de Benova" } };

    [Fact]
    public async Task The_sdk_gets_a_chat_completion_answered_by_the_tenant_s_assistant()
    {
        var tenant = await app.CreateTenantAsync(extra: new { settings = Persona });

        ChatCompletion completion = await Chat(tenant).CompleteChatAsync(
            [new SystemChatMessage("You are helpful."), new UserChatMessage("Hola, buenas tardes")],
            new ChatCompletionOptions { EndUserId = "ana" });

        completion.Role.Should().Be(ChatMessageRole.Assistant);
        completion.Content.Should().ContainSingle().Which.Text.Should().Contain("Soy María, asesora de Benova");
        completion.FinishReason.Should().Be(ChatFinishReason.Stop);
        completion.Id.Should().StartWith("chatcmpl-");
        completion.Model.Should().Be("conversa");
        completion.CreatedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        completion.Usage.InputTokenCount.Should().BePositive();
        completion.Usage.OutputTokenCount.Should().BePositive();
        completion.Usage.TotalTokenCount.Should().Be(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task A_streamed_completion_assembles_the_same_reply_as_a_plain_one()
    {
        var tenant = await app.CreateTenantAsync(extra: new { settings = Persona });
        var client = Chat(tenant);
        ChatCompletion plain = await client.CompleteChatAsync([new UserChatMessage("Hola, buenas tardes")], new ChatCompletionOptions { EndUserId = "first" });

        var text = new StringBuilder();
        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Hola, buenas tardes")], new ChatCompletionOptions { EndUserId = "second" }))
        {
            updates.Add(update);
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        text.ToString().Should().Be(plain.Content[0].Text);
        updates.Count(u => u.ContentUpdate.Count > 0).Should().BeGreaterThan(1, "the reply arrives in pieces");
        updates.First().Role.Should().Be(ChatMessageRole.Assistant);
        updates.Select(u => u.FinishReason).OfType<ChatFinishReason>().Should().Equal(ChatFinishReason.Stop);
        updates.Select(u => u.CompletionId).Distinct().Should().ContainSingle().Which.Should().StartWith("chatcmpl-");
        updates.Select(u => u.Model).Distinct().Should().Equal("conversa");
    }

    [Fact]
    public async Task The_model_list_has_conversa_and_the_enabled_agents()
    {
        var tenant = await app.CreateTenantAsync(extra: new { settings = new { assistant = new { agents_enabled = new[] { "router", "emergency" } } } });
        var models = Models(tenant);

        OpenAIModelCollection list = await models.GetModelsAsync();
        list.Select(m => m.Id).Should().Equal("conversa", "router", "emergency");
        list.Should().OnlyContain(m => m.OwnedBy == tenant.Slug && m.CreatedAt > DateTimeOffset.UtcNow.AddHours(-1));

        OpenAIModel one = await models.GetModelAsync("emergency");
        one.Id.Should().Be("emergency");
        var missing = await FluentActions.Awaiting(() => models.GetModelAsync("sales")).Should().ThrowAsync<ClientResultException>();
        missing.Which.Status.Should().Be(404);
    }

    [Fact]
    public async Task An_agent_name_is_a_model_and_a_disabled_one_is_not_found()
    {
        var tenant = await app.CreateTenantAsync(extra: new { settings = new { assistant = new { agents_enabled = new[] { "router" } } } });

        ChatCompletion completion = await Chat(tenant, "router").CompleteChatAsync([new UserChatMessage("hola")]);
        completion.Model.Should().Be("router");
        completion.Content[0].Text.Should().NotBeEmpty();

        var missing = await FluentActions.Awaiting(() => Chat(tenant, "emergency").CompleteChatAsync([new UserChatMessage("hola")]))
            .Should().ThrowAsync<ClientResultException>();
        missing.Which.Status.Should().Be(404);
        missing.Which.Message.Should().Contain("model_not_found");
    }

    [Fact]
    public async Task An_agent_named_as_the_model_answers_the_turn_but_an_emergency_keeps_its_route()
    {
        var tenant = await app.CreateTenantAsync(extra: new { sector = "clinic" });
        const string question = "¿Qué horarios tienen disponibles mañana?";

        Agent(await Chat(tenant).CompleteChatAsync([new UserChatMessage(question)])).Should().Be("availability", "conversa lets the router decide");
        Agent(await Chat(tenant, "support").CompleteChatAsync([new UserChatMessage(question)])).Should().Be("support");
        Agent(await Chat(tenant, "sales").CompleteChatAsync([new UserChatMessage(question)])).Should().Be("sales");
        Agent(await Chat(tenant, "router").CompleteChatAsync([new UserChatMessage(question)])).Should().Be("router");
        Agent(await Chat(tenant, "sales").CompleteChatAsync([new UserChatMessage("Tengo un sangrado muy fuerte y dificultad para respirar")]))
            .Should().Be("emergency", "a named agent never replaces the safety message");
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_401()
    {
        var tenant = await app.CreateTenantAsync();
        var wrong = tenant with { Key = "sk_" + Guid.NewGuid().ToString("N") };

        var refused = await FluentActions.Awaiting(() => Chat(wrong).CompleteChatAsync([new UserChatMessage("hola")]))
            .Should().ThrowAsync<ClientResultException>();
        refused.Which.Status.Should().Be(401);
        refused.Which.Message.Should().Contain("invalid_api_key");
    }

    /// <summary>The agent that answered, from Conversa's <c>conversa</c> extra in the raw completion.</summary>
    private static string Agent(ClientResult<ChatCompletion> result) =>
        JsonNode.Parse(result.GetRawResponse().Content.ToString())!["conversa"]!["agent"]!.GetValue<string>();

    private OpenAIClientOptions Options() => new()
    {
        Endpoint = new Uri(app.Server.BaseAddress, "/v1"),
        Transport = new HttpClientPipelineTransport(app.CreateClient()),
        RetryPolicy = new ClientRetryPolicy(0),
    };

    private ChatClient Chat(TestTenant tenant, string model = "conversa") => new(model, new ApiKeyCredential(tenant.Key), Options());

    private OpenAIModelClient Models(TestTenant tenant) => new(new ApiKeyCredential(tenant.Key), Options());
}

[Collection(SqliteCollection.Name)]
public sealed class OpenAiSdkTestsOnSqlite(SqliteFactory app) : OpenAiSdkTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OpenAiSdkTestsOnPostgres(PostgresFactory app) : OpenAiSdkTests(app);
