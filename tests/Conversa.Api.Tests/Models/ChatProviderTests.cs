using System.Diagnostics;
using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.AI;

namespace Conversa.Api.Tests.Models;

/// <summary>
/// Both providers over their wire protocols (fake OpenAI and Anthropic servers): tool calls answered with the
/// tenant's tool results, streaming, and the fallback signal on errors and timeouts.
/// </summary>
public abstract class ChatProviderTests(ConversaFactory app) : ChatModelTestBase(app)
{
    private static readonly ChatMessage[] Question =
    [
        new(ChatRole.System, "Eres María, asesora. Responde solo con lo que digan las herramientas."),
        new(ChatRole.User, "¿A qué hora abren?"),
    ];

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_tool_call_round_trip_answers_with_the_tools_result_phrased_by_the_model(string provider)
    {
        var tenant = await TenantAsync(Settings(provider));
        var queries = new List<string>();

        var reply = await InTenantAsync(tenant.Id, (model, scope) =>
            ToolLoop.RunAsync(model.Client!, Question, [OpeningHoursTool(scope, queries)]));

        reply.FallbackReason.Should().BeNull();
        reply.Text.Should().Be($"Según la herramienta: Tenant {tenant.Slug} abre de lunes a viernes de 9 a 18");
        queries.Should().Equal("¿A qué hora abren?");
        var invocation = reply.Tools.Should().ContainSingle().Subject;
        invocation.Name.Should().Be("search_knowledge");
        invocation.Failed.Should().BeFalse();
        reply.Usage.InputTokenCount.Should().BeGreaterThan(0);

        var requests = RequestsTo(provider);
        requests.Should().HaveCount(2);
        requests[0].Body["tools"]!.ToJsonString().Should().Contain("search_knowledge").And.Contain("query");
        // The second request carries the model's tool call and our result under the same id.
        var second = requests[1].Body["messages"]!.AsArray();
        if (provider == "openai")
        {
            var callId = second[^2]!["tool_calls"]![0]!["id"]!.GetValue<string>();
            second[^1]!["role"]!.GetValue<string>().Should().Be("tool");
            second[^1]!["tool_call_id"]!.GetValue<string>().Should().Be(callId);
            second[^1]!["content"]!.ToJsonString().Should().Contain("abre de lunes a viernes");
        }
        else
        {
            var toolUse = second[^2]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
            var toolResult = second[^1]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_result")!;
            toolResult["tool_use_id"]!.GetValue<string>().Should().Be(toolUse["id"]!.GetValue<string>());
            toolResult["content"]!.ToJsonString().Should().Contain("abre de lunes a viernes");
        }
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task Streaming_yields_the_text_in_pieces(string provider)
    {
        var tenant = await TenantAsync(Settings(provider));
        var model = await ResolveAsync(tenant.Id);

        var updates = await CollectAsync(model.Client!.GetStreamingResponseAsync("hola que tal"));

        updates.Select(u => u.Text).Where(t => t.Length > 0).Should().Equal("Echo:", " hola", " que", " tal");
        updates.Should().NotContain(u => u.FallbackReason() != null);
        RequestsTo(provider).Should().ContainSingle().Which.Stream.Should().BeTrue();
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_streamed_turn_runs_tools_between_rounds_and_streams_the_final_answer(string provider)
    {
        var tenant = await TenantAsync(Settings(provider));
        var queries = new List<string>();

        var updates = await InTenantAsync(tenant.Id, (model, scope) =>
            CollectAsync(ToolLoop.StreamAsync(model.Client!, Question, [OpeningHoursTool(scope, queries)])));

        string.Concat(updates.Select(u => u.Text)).Should().Be($"Según la herramienta: Tenant {tenant.Slug} abre de lunes a viernes de 9 a 18");
        updates.Count(u => u.Text.Length > 0).Should().BeGreaterThan(3);
        updates.Should().ContainSingle(u => u.Role == ChatRole.Tool).Which.Contents.Should().ContainSingle(c => c is FunctionResultContent);
        queries.Should().Equal("¿A qué hora abren?");
        RequestsTo(provider).Should().HaveCount(2).And.OnlyContain(r => r.Stream);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_failing_provider_gives_the_fallback_signal_instead_of_an_error(string provider)
    {
        var tenant = await TenantAsync(Settings(provider));
        var model = await ResolveAsync(tenant.Id);
        FailWith(provider, 500);

        var response = await model.Client!.GetResponseAsync("Hola");
        response.FallbackReason().Should().Contain("500");
        response.Text.Should().BeEmpty();

        var reply = await ToolLoop.RunAsync(model.Client!, Question, []);
        reply.IsFallback.Should().BeTrue();
        reply.Text.Should().BeNull();

        var updates = await CollectAsync(model.Client!.GetStreamingResponseAsync("Hola"));
        updates.Should().ContainSingle().Which.FallbackReason().Should().Contain("500");

        FailWith(provider, 0);
        (await model.Client!.GetResponseAsync("Hola")).Text.Should().Be("Echo: Hola");
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_slow_provider_times_out_into_the_fallback_signal(string provider)
    {
        await using var impatient = App.WithWebHostBuilder(b => b.UseSetting("Conversa:Models:TimeoutSeconds", "0.5"));
        var tenant = await TenantAsync(Settings(provider));
        var model = await ResolveAsync(tenant.Id, impatient.Services);
        OpenAi.Delay = Anthropic.Delay = TimeSpan.FromSeconds(10);

        var clock = Stopwatch.StartNew();
        var reply = await ToolLoop.RunAsync(model.Client!, Question, []);
        var streamed = await CollectAsync(model.Client!.GetStreamingResponseAsync("Hola"));
        clock.Stop();

        reply.IsFallback.Should().BeTrue();
        reply.FallbackReason.Should().NotBeNullOrEmpty();
        streamed.Should().ContainSingle().Which.FallbackReason().Should().NotBeNullOrEmpty();
        // Both calls gave up long before the server would have answered (with one SDK retry each at most).
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_model_that_keeps_asking_for_tools_is_stopped_after_the_round_limit_and_must_answer()
    {
        var tenant = await TenantAsync(OpenAiSettings());
        OpenAi.AlwaysCallTools = true;
        var queries = new List<string>();

        var reply = await InTenantAsync(tenant.Id, (model, scope) =>
            ToolLoop.RunAsync(model.Client!, Question, [OpeningHoursTool(scope, queries)], maxRounds: 2));

        reply.Tools.Should().HaveCount(2);
        reply.Text.Should().StartWith("Según la herramienta:");
        var requests = OpenAi.Requests.ToList();
        requests.Should().HaveCount(3);
        requests[^1].Body["tool_choice"]!.ToJsonString().Should().Be("\"none\"");
    }

    [Fact]
    public async Task A_tool_that_fails_is_reported_to_the_caller_and_the_model_hears_only_that_it_failed()
    {
        var tenant = await TenantAsync(OpenAiSettings());
        var broken = AIFunctionFactory.Create(
            new Func<string, string>(query => throw new InvalidOperationException("connection string secret")), "search_knowledge", "Searches the business's knowledge base.");

        var model = await ResolveAsync(tenant.Id);
        var reply = await ToolLoop.RunAsync(model.Client!, Question, [broken]);

        reply.Tools.Should().ContainSingle().Which.Error.Should().BeOfType<InvalidOperationException>();
        OpenAi.Requests.Last().Body.ToJsonString().Should().NotContain("connection string secret").And.Contain("the tool failed");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChatProviderTestsOnSqlite(SqliteFactory app) : ChatProviderTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ChatProviderTestsOnPostgres(PostgresFactory app) : ChatProviderTests(app);
