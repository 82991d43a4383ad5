using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Models;
using Conversa.Api.Tests.Support;
using Conversa.Api.Tests.Usage;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// <c>POST /api/chat</c> with <c>Accept: text/event-stream</c> and a model configured (the local OpenAI and Anthropic
/// fakes): the model's words reach the client while the model is still writing (the fake holds the rest of its answer
/// until the test has read the first delta), after the tool round; a model failing before any text gives the builtin
/// reply in pieces, one failing mid-answer an <c>event: replace</c> with it; what the client ends with is the stored
/// reply; a client hanging up stops the model; the quota still answers 429 before any event.
/// </summary>
public abstract class ChatStreamingTests(ConversaFactory app) : ChatModelTestBase(app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task The_model_s_first_words_reach_the_client_before_the_model_has_finished(string provider)
    {
        var tenant = await TenantAsync(Settings(provider));
        var gate = Hold(provider);
        try
        {
            using var response = await OpenAsync(tenant.KeyClient(), "hola, ¿qué tal?", "live");

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
            response.Headers.CacheControl!.NoCache.Should().BeTrue();
            await using var events = Events(response);
            var first = await NextAsync(events);
            first.EventType.Should().Be(SseParser.EventTypeDefault);
            Delta(first).Should().Be("Según", "the model's first word arrives while the model still holds the rest of its answer");
            gate.Task.IsCompleted.Should().BeFalse();
            RequestsTo(provider).Should().HaveCount(2, "the tool round ran before any text").And.OnlyContain(r => r.Stream);

            gate.SetResult();
            var rest = await RestAsync(events);
            rest.Should().NotContain(e => e.EventType == "replace");
            var done = Done(rest);
            (Delta(first) + string.Concat(rest.SkipLast(1).Select(Delta))).Should().Be(done.Str("reply"));
            done.Str("reply").Should().StartWith("Según la herramienta: Error: the tool failed", "the fake's handoff call had no reason");
            done.Str("agent").Should().Be("router");
            (await StoredReplyAsync(tenant, done)).Should().Be(done.Str("reply"));
            (await App.Services.UsageAsync(tenant.Id)).AiRequests.Should().Be(2, "a streamed turn is metered like a plain one");
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Fact]
    public async Task A_model_failing_before_any_text_streams_the_builtin_reply()
    {
        var tenant = await TenantAsync(OpenAiSettings());
        FailWith("openai", 500);

        using var response = await OpenAsync(tenant.KeyClient(), "hola", "early");
        await using var events = Events(response);
        var all = await RestAsync(events);

        all.Should().NotContain(e => e.EventType == "replace");
        var done = Done(all);
        string.Concat(all.SkipLast(1).Select(Delta)).Should().Be(done.Str("reply"));
        done.Str("reply").Should().StartWith("¡Hola!");
        all.Count.Should().BeGreaterThan(2, "the builtin reply goes out a few words at a time");
        (await StoredReplyAsync(tenant, done)).Should().Be(done.Str("reply"));
        OpenAi.Requests.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task A_model_failing_mid_answer_has_its_text_replaced_by_the_builtin_reply(string provider)
    {
        var tenant = await TenantAsync(Settings(provider));
        OpenAi.BreakAfterWords = Anthropic.BreakAfterWords = 2;

        using var response = await OpenAsync(tenant.KeyClient(), "hola", "cut");
        await using var events = Events(response);
        var all = await RestAsync(events);

        var replaceAt = all.FindIndex(e => e.EventType == "replace");
        replaceAt.Should().BePositive("the model's first words went out before it failed");
        string.Concat(all.Take(replaceAt).Select(Delta)).Should().Be("Según la");
        var replacement = JsonNode.Parse(all[replaceAt].Data)!.Str("reply");
        replacement.Should().StartWith("¡Hola!", "the builtin engine answers instead");
        all.Skip(replaceAt + 1).Should().ContainSingle("only done follows");
        var done = Done(all);
        done.Str("reply").Should().Be(replacement);
        (await StoredReplyAsync(tenant, done)).Should().Be(replacement);
    }

    [Fact]
    public async Task A_client_hanging_up_stops_the_model()
    {
        var tenant = await TenantAsync(OpenAiSettings());
        var gate = Hold("openai");
        try
        {
            using var hangUp = new CancellationTokenSource();
            var response = await OpenAsync(tenant.KeyClient(), "hola", "gone", hangUp.Token);
            var events = Events(response, hangUp.Token);
            Delta(await NextAsync(events)).Should().Be("Según");

            await hangUp.CancelAsync();
            await events.DisposeAsync();
            response.Dispose();

            await OpenAi.Abandoned.Task.WaitAsync(Patience);
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Fact]
    public async Task An_emergency_streams_its_fixed_message_without_asking_the_model()
    {
        var tenant = await App.CreateTenantAsync(extra: new { sector = "clinic" });
        await PatchAiAsync(tenant, OpenAiSettings());

        using var response = await OpenAsync(tenant.KeyClient(), "estoy sangrando mucho", "urgent");
        await using var events = Events(response);
        var all = await RestAsync(events);

        var done = Done(all);
        done.Str("agent").Should().Be("emergency");
        string.Concat(all.SkipLast(1).Select(Delta)).Should().Be(done.Str("reply"));
        OpenAi.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Over_the_message_quota_a_stream_is_refused_with_429_before_any_event_and_the_model_is_not_asked()
    {
        var tenant = await TenantAsync(OpenAiSettings());
        await (await App.AdminClientAsync()).PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { limits = new { messages = 1 } }, 200);
        var client = tenant.KeyClient();
        await client.PostJsonAsync("/api/chat", new { message = "hola", contact_id = "quota" }, 200);
        var asked = OpenAi.Requests.Count;

        using var response = await OpenAsync(client, "¿y mañana?", "quota");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.RetryAfter.Should().NotBeNull();
        (await Http.ProblemAsync(response, 429)).Str("type").Should().EndWith("/quota-exceeded");
        OpenAi.Requests.Count.Should().Be(asked);
    }

    private TaskCompletionSource Hold(string provider)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (provider == "openai")
        {
            OpenAi.HoldAfterFirstWord = gate;
        }
        else
        {
            Anthropic.HoldAfterFirstWord = gate;
        }
        return gate;
    }

    /// <summary>Sends the message asking for SSE and returns as soon as the response starts, as a streaming client does.</summary>
    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, string message, string contactId, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = Http.Json(new { message, contact_id = contactId }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).WaitAsync(Patience, cancellationToken);
    }

    private static IAsyncEnumerator<SseItem<string>> Events(HttpResponseMessage response, CancellationToken cancellationToken = default) =>
        SseParser.Create(response.Content.ReadAsStream(cancellationToken)).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private static async Task<SseItem<string>> NextAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        (await events.MoveNextAsync().AsTask().WaitAsync(Patience)).Should().BeTrue("the stream has another event");
        return events.Current;
    }

    private static async Task<List<SseItem<string>>> RestAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        var rest = new List<SseItem<string>>();
        while (await events.MoveNextAsync().AsTask().WaitAsync(Patience))
        {
            rest.Add(events.Current);
        }
        return rest;
    }

    private static string Delta(SseItem<string> item)
    {
        item.EventType.Should().Be(SseParser.EventTypeDefault, "text arrives as plain data events");
        return JsonNode.Parse(item.Data)!.Str("delta");
    }

    private static JsonNode Done(List<SseItem<string>> events)
    {
        events.Should().NotBeEmpty();
        events[^1].EventType.Should().Be("done");
        return JsonNode.Parse(events[^1].Data)!;
    }

    private static async Task<string> StoredReplyAsync(TestTenant tenant, JsonNode done)
    {
        var conversation = await tenant.KeyClient().GetJsonAsync($"/api/conversations/{done.Str("conversation_id")}");
        return conversation["messages"]!.AsArray()[^1]!.Str("content");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChatStreamingTestsOnSqlite(SqliteFactory app) : ChatStreamingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ChatStreamingTestsOnPostgres(PostgresFactory app) : ChatStreamingTests(app);
