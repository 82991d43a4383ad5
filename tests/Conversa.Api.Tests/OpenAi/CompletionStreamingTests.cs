using System.ClientModel;
using System.ClientModel.Primitives;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Models;
using Conversa.Api.Tests.Support;
using OpenAI;
using OpenAI.Chat;

namespace Conversa.Api.Tests.OpenAi;

/// <summary>
/// <c>/v1/chat/completions</c> with <c>stream: true</c> through the official OpenAI .NET SDK, for a tenant whose
/// assistant has a model (the local OpenAI fake): the model's first words reach the SDK while the model still holds
/// the rest; a model failing before any text streams the builtin reply; one failing mid-answer keeps the text sent and
/// closes it with a sentence (OpenAI's stream cannot take text back); the chunks always join to the stored reply.
/// </summary>
public abstract class CompletionStreamingTests(ConversaFactory app) : ChatModelTestBase(app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_sdk_gets_the_model_s_first_words_before_the_model_has_finished()
    {
        var tenant = await TenantAsync(OpenAiSettings());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        OpenAi.HoldAfterFirstWord = gate;
        try
        {
            using var patience = new CancellationTokenSource(Patience);
            var updates = Chat(tenant).CompleteChatStreamingAsync([new UserChatMessage("hola")], new ChatCompletionOptions { EndUserId = "live" }, patience.Token);
            await using var reader = updates.GetAsyncEnumerator(patience.Token);
            var seen = new List<StreamingChatCompletionUpdate>();
            while (Text(seen).Length == 0)
            {
                (await reader.MoveNextAsync()).Should().BeTrue();
                seen.Add(reader.Current);
            }

            Text(seen).Should().Be("Según", "the model's first word arrives while the model still holds the rest of its answer");
            gate.Task.IsCompleted.Should().BeFalse();
            seen[0].Role.Should().Be(ChatMessageRole.Assistant);
            OpenAi.Requests.Should().HaveCount(2, "the tool round ran before any text");

            gate.SetResult();
            while (await reader.MoveNextAsync())
            {
                seen.Add(reader.Current);
            }
            Text(seen).Should().StartWith("Según la herramienta: Error: the tool failed");
            seen.Select(u => u.FinishReason).OfType<ChatFinishReason>().Should().Equal(ChatFinishReason.Stop);
            seen.Select(u => u.CompletionId).Distinct().Should().ContainSingle().Which.Should().StartWith("chatcmpl-");
            (await StoredReplyAsync(tenant)).Should().Be(Text(seen));
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

        var text = Text(await CollectAsync(Chat(tenant).CompleteChatStreamingAsync([new UserChatMessage("hola")], new ChatCompletionOptions { EndUserId = "early" })));

        text.Should().StartWith("¡Hola!");
        (await StoredReplyAsync(tenant)).Should().Be(text);
    }

    [Fact]
    public async Task A_model_failing_mid_answer_keeps_the_text_sent_and_closes_it()
    {
        var tenant = await TenantAsync(OpenAiSettings());
        OpenAi.BreakAfterWords = 2;

        var updates = await CollectAsync(Chat(tenant).CompleteChatStreamingAsync([new UserChatMessage("hola")], new ChatCompletionOptions { EndUserId = "cut" }));

        Text(updates).Should().Be("Según la…\n\nDisculpa, mi respuesta se cortó. ¿Me lo preguntas de nuevo, o prefieres que te comunique con una persona del equipo?");
        updates.Select(u => u.FinishReason).OfType<ChatFinishReason>().Should().Equal(ChatFinishReason.Stop);
        (await StoredReplyAsync(tenant)).Should().Be(Text(updates));
    }

    private static string Text(IEnumerable<StreamingChatCompletionUpdate> updates) =>
        string.Concat(updates.SelectMany(u => u.ContentUpdate).Select(p => p.Text));

    private static async Task<List<StreamingChatCompletionUpdate>> CollectAsync(AsyncCollectionResult<StreamingChatCompletionUpdate> updates)
    {
        using var patience = new CancellationTokenSource(Patience);
        var all = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in updates.WithCancellation(patience.Token))
        {
            all.Add(update);
        }
        return all;
    }

    /// <summary>The last message of the tenant's one <c>openai</c> conversation.</summary>
    private static async Task<string> StoredReplyAsync(TestTenant tenant)
    {
        var client = tenant.KeyClient();
        var id = (await client.GetJsonAsync("/api/conversations?channel=openai")).Ids().Should().ContainSingle().Subject;
        var conversation = await client.GetJsonAsync($"/api/conversations/{id}");
        return conversation["messages"]!.AsArray()[^1]!.Str("content");
    }

    private ChatClient Chat(TestTenant tenant) => new("conversa", new ApiKeyCredential(tenant.Key), new OpenAIClientOptions
    {
        Endpoint = new Uri(App.Server.BaseAddress, "/v1"),
        Transport = new HttpClientPipelineTransport(App.CreateClient()),
        RetryPolicy = new ClientRetryPolicy(0),
    });
}

[Collection(SqliteCollection.Name)]
public sealed class CompletionStreamingTestsOnSqlite(SqliteFactory app) : CompletionStreamingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CompletionStreamingTestsOnPostgres(PostgresFactory app) : CompletionStreamingTests(app);
