using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.OpenAi;

/// <summary>
/// <c>/v1</c> on the wire: the exact <c>chat.completion</c> and <c>chat.completion.chunk</c> shapes, <c>[DONE]</c>,
/// conversations per <c>user</c> and per tenant, and errors that are problem+json and OpenAI errors at once.
/// </summary>
public abstract class ChatCompletionsHttpTests(ConversaFactory app)
{
    [Fact]
    public async Task A_completion_has_the_openai_shape_with_conversa_s_extras()
    {
        var tenant = await app.CreateTenantAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var completion = await Bearer(tenant).PostJsonAsync("/v1/chat/completions", new
        {
            model = "conversa",
            messages = new object[]
            {
                new { role = "system", content = "Be brief." },
                new
                {
                    role = "user",
                    content = new object[]
                    {
                        new { type = "text", text = "Hola," },
                        new { type = "image_url", image_url = new { url = "https://example.com/a.png" } },
                        new { type = "text", text = "buenas tardes" },
                    },
                },
            },
            temperature = 0.2,
        }, 200);

        completion.Str("id").Should().StartWith("chatcmpl-");
        completion.Str("object").Should().Be("chat.completion");
        completion["created"]!.GetValue<long>().Should().BeInRange(before - 5, before + 60);
        completion.Str("model").Should().Be("conversa");
        var choice = completion["choices"]!.AsArray().Should().ContainSingle().Subject!;
        choice["index"]!.GetValue<int>().Should().Be(0);
        choice.Str("finish_reason").Should().Be("stop");
        choice["message"]!.Str("role").Should().Be("assistant");
        choice["message"]!.Str("content").Should().NotBeNullOrWhiteSpace();
        var usage = completion["usage"]!;
        usage["prompt_tokens"]!.GetValue<int>().Should().Be(("Hola,\nbuenas tardes".Length + 3) / 4, "the text parts are read, joined by a line break");
        usage["total_tokens"]!.GetValue<int>().Should().Be(usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>());
        var extras = completion["conversa"]!;
        extras.Str("agent").Should().Be("router");
        extras.Str("intent").Should().Be("greeting");
        extras["handoff"]!.GetValue<bool>().Should().BeFalse();

        var conversation = await tenant.KeyClient().GetJsonAsync($"/api/conversations/{extras.Str("conversation_id")}");
        conversation.Str("channel").Should().Be("openai");
        conversation["messages"]!.AsArray().Select(m => m!.Str("content"))
            .Should().Equal("Hola,\nbuenas tardes", choice["message"]!.Str("content"));
    }

    [Fact]
    public async Task A_stream_is_role_then_content_then_stop_then_usage_then_done()
    {
        var tenant = await app.CreateTenantAsync();
        var client = Bearer(tenant);
        var plain = await client.PostJsonAsync("/v1/chat/completions",
            new { model = "conversa", user = "plain", messages = new[] { new { role = "user", content = "Hola, buenas tardes" } } }, 200);

        var response = await client.PostAsync("/v1/chat/completions", Http.Json(new
        {
            model = "conversa",
            user = "streamed",
            stream = true,
            stream_options = new { include_usage = true },
            messages = new[] { new { role = "user", content = "Hola, buenas tardes" } },
        }));

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var body = await response.Content.ReadAsStringAsync();
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events.Should().OnlyContain(e => e.StartsWith("data: ", StringComparison.Ordinal));
        events[^1].Should().Be("data: [DONE]");
        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        chunks.Should().OnlyContain(c => c.Str("object") == "chat.completion.chunk" && c.Str("model") == "conversa");
        chunks.Select(c => c.Str("id")).Distinct().Should().ContainSingle();

        var first = chunks[0]["choices"]![0]!;
        first["delta"]!.Str("role").Should().Be("assistant");
        first["finish_reason"].Should().BeNull();
        var text = string.Concat(chunks.SelectMany(c => c["choices"]!.AsArray()).Select(c => c!["delta"]!["content"]?.GetValue<string>()));
        text.Should().Be(plain["choices"]![0]!["message"]!.Str("content"));

        var stop = chunks[^2];
        stop["choices"]![0]!.Str("finish_reason").Should().Be("stop");
        stop["choices"]![0]!["delta"]!.AsObject().Should().BeEmpty();
        stop["conversa"]!.Str("agent").Should().Be("router");
        var usage = chunks[^1];
        usage["choices"]!.AsArray().Should().BeEmpty();
        usage["usage"]!["total_tokens"]!.GetValue<int>().Should().Be(plain["usage"]!["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task One_user_continues_one_conversation_and_no_user_is_a_new_one_each_time()
    {
        var tenant = await app.CreateTenantAsync();
        var client = Bearer(tenant);

        var first = await Complete(client, "hola", user: "alice");
        var second = await Complete(client, "muchas gracias", user: "alice");
        second["conversa"]!.Str("conversation_id").Should().Be(first["conversa"]!.Str("conversation_id"));
        second["conversa"]!.Str("contact_id").Should().Be(first["conversa"]!.Str("contact_id"));
        var conversation = await tenant.KeyClient().GetJsonAsync($"/api/conversations/{first["conversa"]!.Str("conversation_id")}");
        conversation["messages"]!.AsArray().Select(m => m!.Str("role")).Should().Equal("user", "assistant", "user", "assistant");

        var anonymous = await Complete(client, "hola");
        var again = await Complete(client, "hola");
        anonymous["conversa"]!.Str("conversation_id").Should().NotBe(again["conversa"]!.Str("conversation_id"));
        anonymous["conversa"]!.Str("conversation_id").Should().NotBe(first["conversa"]!.Str("conversation_id"));
    }

    [Fact]
    public async Task The_same_user_of_another_tenant_is_another_contact_and_never_sees_the_first_conversation()
    {
        var a = await app.CreateTenantAsync();
        var b = await app.CreateTenantAsync();
        var inA = await Complete(Bearer(a), "hola, soy de A", user: "shared-user");
        var inB = await Complete(Bearer(b), "hola", user: "shared-user");

        inB["conversa"]!.Str("conversation_id").Should().NotBe(inA["conversa"]!.Str("conversation_id"));
        inB["conversa"]!.Str("contact_id").Should().NotBe(inA["conversa"]!.Str("contact_id"));
        var conversationOfB = await b.KeyClient().GetJsonAsync($"/api/conversations/{inB["conversa"]!.Str("conversation_id")}");
        conversationOfB["messages"]!.AsArray().Select(m => m!.Str("content")).Should().NotContain("hola, soy de A");
        await Http.ProblemAsync(await b.KeyClient().GetAsync($"/api/conversations/{inA["conversa"]!.Str("conversation_id")}"), 404);
        var conversationOfA = await a.KeyClient().GetJsonAsync($"/api/conversations/{inA["conversa"]!.Str("conversation_id")}");
        conversationOfA["messages"]!.AsArray().Should().HaveCount(2, "B's message went to B's own contact");
    }

    [Fact]
    public async Task The_model_list_is_in_the_openai_list_shape()
    {
        var tenant = await app.CreateTenantAsync(extra: new { settings = new { assistant = new { agents_enabled = new[] { "router" } } } });
        var list = await Bearer(tenant).GetJsonAsync("/v1/models");
        list.Str("object").Should().Be("list");
        var data = list["data"]!.AsArray();
        data.Select(m => m!.Str("id")).Should().Equal("conversa", "router");
        data.Should().OnlyContain(m => m!.Str("object") == "model" && m!.Str("owned_by") == tenant.Slug && m!["created"]!.GetValue<long>() > 0);
        var missing = await Http.ProblemAsync(await Bearer(tenant).GetAsync("/v1/models/personal"), 404);
        missing["error"]!.Str("code").Should().Be("model_not_found");
    }

    [Fact]
    public async Task An_unknown_model_is_404_as_problem_json_and_as_an_openai_error()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await Bearer(tenant).PostAsync("/v1/chat/completions",
            Http.Json(new { model = "gpt-4o", messages = new[] { new { role = "user", content = "hola" } } }));
        var problem = await Http.ProblemAsync(response, 404);
        problem.Str("detail").Should().Contain("gpt-4o").And.Contain("conversa");
        var error = problem["error"]!;
        error.Str("message").Should().Be(problem.Str("detail"));
        error.Str("type").Should().Be("invalid_request_error");
        error.Str("code").Should().Be("model_not_found");
    }

    [Theory]
    [InlineData("""{"model": "conversa", "messages": [{"role": "system", "content": "hi"}]}""", "messages")]
    [InlineData("""{"model": "conversa", "messages": []}""", "messages")]
    [InlineData("""{"model": "conversa", "messages": "hola"}""", "messages")]
    [InlineData("""{"model": "conversa", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "https://x.test/a.png"}}]}]}""", "messages")]
    [InlineData("""{"model": "conversa", "messages": [{"role": "wizard", "content": "hola"}]}""", "messages[0]")]
    [InlineData("""{"messages": [{"role": "user", "content": "hola"}]}""", "model")]
    [InlineData("""{"model": "conversa", "stream": "yes", "messages": [{"role": "user", "content": "hola"}]}""", "stream")]
    [InlineData("""{"model": "conversa", "user": 42, "messages": [{"role": "user", "content": "hola"}]}""", "user")]
    public async Task A_request_without_a_user_message_to_answer_or_with_bad_fields_is_400(string body, string field)
    {
        var tenant = await app.CreateTenantAsync();
        var problem = await Http.ProblemAsync(await Bearer(tenant).PostAsync("/v1/chat/completions", Http.Raw(body)), 400);
        problem["errors"]![field].Should().NotBeNull();
        problem["error"]!.Str("type").Should().Be("invalid_request_error");
        problem["error"]!.Str("param").Should().Be(field);
        problem["error"]!.Str("message").Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("{\"model\": \"conversa\", \"messages\": [")]
    [InlineData("")]
    public async Task Bad_json_is_400_with_an_openai_error(string body)
    {
        var tenant = await app.CreateTenantAsync();
        var problem = await Http.ProblemAsync(await Bearer(tenant).PostAsync("/v1/chat/completions", Http.Raw(body)), 400);
        problem["error"]!.Str("type").Should().Be("invalid_request_error");
        problem["error"]!.Str("message").Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_wrong_or_missing_key_is_401_with_an_openai_error()
    {
        var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_" + Guid.NewGuid().ToString("N"));
        var body = Http.Json(new { model = "conversa", messages = new[] { new { role = "user", content = "hola" } } });

        var problem = await Http.ProblemAsync(await wrong.PostAsync("/v1/chat/completions", body), 401);
        problem["error"]!.Str("code").Should().Be("invalid_api_key");
        problem["error"]!.Str("type").Should().Be("authentication_error");

        var missing = await Http.ProblemAsync(await app.CreateClient().GetAsync("/v1/models"), 401);
        missing["error"]!.Str("code").Should().Be("invalid_api_key");
    }

    [Fact]
    public async Task Problems_outside_v1_carry_no_openai_error()
    {
        var problem = await Http.ProblemAsync(await app.CreateClient().GetAsync("/api/conversations"), 401);
        problem["error"].Should().BeNull();
    }

    private static async Task<JsonNode> Complete(HttpClient client, string message, string? user = null) =>
        await client.PostJsonAsync("/v1/chat/completions", new { model = "conversa", user, messages = new[] { new { role = "user", content = message } } }, 200);

    private HttpClient Bearer(TestTenant tenant)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key);
        return client;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChatCompletionsHttpTestsOnSqlite(SqliteFactory app) : ChatCompletionsHttpTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ChatCompletionsHttpTestsOnPostgres(PostgresFactory app) : ChatCompletionsHttpTests(app);
