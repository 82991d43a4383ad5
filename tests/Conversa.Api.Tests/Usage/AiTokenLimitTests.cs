using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Models;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Usage;

/// <summary>
/// The monthly <c>ai_tokens</c> limit against the fake OpenAI-compatible server: once a tenant's tokens reach it, its
/// customers are answered by the builtin agents (the model hears nothing more), the staff are told once, and the actions
/// that need a model answer 429; another tenant's model is untouched.
/// </summary>
public abstract class AiTokenLimitTests(ConversaFactory app) : ChatModelTestBase(app)
{
    private static readonly byte[] Ogg = [0x4F, 0x67, 0x67, 0x53, 0x00, 0x02, 0x01, 0x02, 0x03, 0x04];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];

    [Fact]
    public async Task Over_the_month_s_ai_tokens_customers_get_builtin_answers_without_the_model_and_the_staff_are_told_once()
    {
        var tenant = await LimitedTenantAsync(aiTokens: 10);
        var client = tenant.KeyClient();

        await client.PostJsonAsync("/api/chat", new { message = "hola", contact_id = "ana" }, 200);
        var calls = RequestsTo("openai").Count;
        calls.Should().BePositive("below the limit the tenant's model answers");

        var second = await client.PostJsonAsync("/api/chat", new { message = "¿a qué hora abren?", contact_id = "ana" }, 200);
        var third = await client.PostJsonAsync("/api/chat", new { message = "gracias", contact_id = "bia" }, 200);

        RequestsTo("openai").Should().HaveCount(calls, "one reply's tokens reached the limit: the model is not called again");
        foreach (var answer in new[] { second, third })
        {
            answer.Str("reply").Should().NotBeNullOrWhiteSpace("the customer still gets the builtin agents' answer");
        }
        Types(second).Should().Contain("staff_notified");
        Types(third).Should().NotContain("staff_notified", "the staff are told once a month");
        var usage = await (await tenant.OwnerClientAsync()).GetJsonAsync("/api/usage");
        usage["used"]!["ai_tokens"]!.GetValue<long>().Should().Be(calls * (OpenAi.InputTokens + OpenAi.OutputTokens));
        usage["limits"]!["ai_tokens"]!.GetValue<long>().Should().Be(10);

        var neighbour = await TenantAsync(OpenAiSettings());
        await neighbour.KeyClient().PostJsonAsync("/api/chat", new { message = "hola", contact_id = "ana" }, 200);
        RequestsTo("openai").Count.Should().BeGreaterThan(calls, "another tenant's tokens are its own: its model still answers");
    }

    [Fact]
    public async Task Over_the_month_s_ai_tokens_a_voice_note_or_an_image_answers_429_naming_the_limit_without_calling_a_model()
    {
        var tenant = await LimitedTenantAsync(aiTokens: 10);
        var client = tenant.KeyClient();
        await client.PostJsonAsync("/api/chat", new { message = "hola", contact_id = "ana" }, 200);
        var calls = RequestsTo("openai").Count;

        foreach (var (path, part) in new[] { ("/api/multimedia/voice", ("audio", Ogg, "audio/ogg", "nota.ogg")), ("/api/multimedia/image", ("image", Png, "image/png", "a.png")) })
        {
            var response = await client.PostAsync(path, Form(part));
            var problem = await Http.ProblemAsync(response, 429);
            problem.Str("type").Should().EndWith("/quota-exceeded");
            problem.Str("detail").Should().Contain("ai_tokens limit").And.Contain("(10)");
            var now = DateTimeOffset.UtcNow;
            var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
            response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeApproximately((nextMonth - now).TotalSeconds, 60);
        }
        RequestsTo("openai").Should().HaveCount(calls, "neither the speech nor the vision model is called");
    }

    /// <summary>A tenant with the fake as chat and speech model, a staff phone, and its own <c>limits.ai_tokens</c>.</summary>
    private async Task<TestTenant> LimitedTenantAsync(long aiTokens)
    {
        var tenant = await App.CreateTenantAsync(extra: new { language = "es", settings = new { emergency = new { notify_phone = "+573001234567" } } });
        await PatchAiAsync(tenant, new
        {
            provider = "openai", model = "gpt-test", transcription_model = "whisper-test", base_url = OpenAi.BaseUrl, api_key = "sk-tenant-openai",
        });
        await (await App.AdminClientAsync()).PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { limits = new { ai_tokens = aiTokens } }, 200);
        return tenant;
    }

    private static IEnumerable<string> Types(JsonNode reply) => reply["actions"]!.AsArray().Select(a => a!.Str("type"));

    private static MultipartFormDataContent Form((string Name, byte[] Bytes, string Type, string FileName) file)
    {
        var content = new ByteArrayContent(file.Bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.Type);
        return new MultipartFormDataContent { { content, file.Name, file.FileName }, { new StringContent("ana"), "contact_id" } };
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AiTokenLimitTestsOnSqlite(SqliteFactory app) : AiTokenLimitTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AiTokenLimitTestsOnPostgres(PostgresFactory app) : AiTokenLimitTests(app);
