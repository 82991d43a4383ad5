using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// The plan's monthly message limit, enforced by the engine so every channel meets it: over it a channel customer gets a
/// short fixed reply in their language (no agent, no model) while the HTTP actions answer 429; the turn is stored, the
/// staff hear of it once, an emergency is still answered, and raising the tenant's own limit frees it at once.
/// </summary>
public abstract class MessageQuotaTests(ConversaFactory app)
{
    private const string PoliteEs = "no podemos responder automáticamente";
    private const string PolitePt = "não conseguimos responder automaticamente";

    [Fact]
    public async Task Over_the_plan_s_messages_api_chat_answers_429_the_turn_is_stored_with_the_polite_reply_and_staff_are_told_once()
    {
        var admin = await app.AdminClientAsync();
        var plan = "tiny-" + Guid.NewGuid().ToString("N")[..10];
        await admin.PostJsonAsync("/api/admin/plans", new { name = plan, limits = new { messages = 2 } }, 201);
        var tenant = await app.CreateTenantAsync(extra: new { plan, sector = "clinic", settings = new { emergency = new { notify_phone = "+573001234567" } } });
        var client = tenant.KeyClient();

        string? conversationId = null;
        foreach (var message in new[] { "hola", "¿cuánto cuesta el botox?" })
        {
            var answered = await client.PostJsonAsync("/api/chat", new { message, contact_id = "ana" }, 200);
            answered.Str("reply").Should().NotContain(PoliteEs);
            Types(answered).Should().NotContain("quota_exceeded");
            conversationId = answered.Str("conversation_id");
        }

        await QuotaProblemAsync(await client.PostAsync("/api/chat", Http.Json(new { message = "quiero agendar una cita", contact_id = "ana" })), 2);
        var streamed = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = Http.Json(new { message = "quero marcar uma consulta amanhã", contact_id = "bia" }) };
        streamed.Headers.Accept.ParseAdd("text/event-stream");
        await QuotaProblemAsync(await client.SendAsync(streamed), 2);

        var messages = (await client.GetJsonAsync($"/api/conversations/{conversationId}"))["messages"]!.AsArray();
        messages.Should().HaveCount(6, "a refused turn is stored like any other");
        messages[4]!.Str("content").Should().Be("quiero agendar una cita");
        messages[5]!.Str("content").Should().Contain(PoliteEs);
        StoredTypes(messages[5]!).Should().Contain(["quota_exceeded", "staff_notified"]);
        messages[5]!["metadata"]!["actions"]!.AsArray().First(a => a!.Str("type") == "staff_notified")!.Str("recipient").Should().Be("+573001234567");

        var others = (await client.GetJsonAsync("/api/conversations"))["items"]!.AsArray().Where(c => c!.Str("id") != conversationId).ToList();
        others.Should().ContainSingle();
        var bia = (await client.GetJsonAsync($"/api/conversations/{others[0]!.Str("id")}"))["messages"]!.AsArray();
        bia[^1]!.Str("content").Should().Contain(PolitePt, "the stored fixed reply is in the customer's language");
        StoredTypes(bia[^1]!).Should().Contain("quota_exceeded").And.NotContain("staff_notified", "the staff are told once a month");

        var emergency = await client.PostJsonAsync("/api/chat", new { message = "tengo mucha dificultad para respirar", contact_id = "ana" }, 200);
        emergency.Str("agent").Should().Be("emergency", "the safety message costs no model and is never withheld");
    }

    [Fact]
    public async Task Over_the_tenant_s_own_limit_the_seed_test_route_and_v1_chat_completions_answer_429()
    {
        var tenant = await app.CreateTenantAsync(extra: new { language = "es" });
        var admin = await app.AdminClientAsync();
        await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { limits = new { messages = 1 } }, 200);
        var client = tenant.KeyClient();

        (await client.PostJsonAsync("/conversations/carla/test", new { message = "hola" }, 200)).Str("bot_response").Should().NotContain(PoliteEs);
        await QuotaProblemAsync(await client.PostAsync("/conversations/carla/test", Http.Json(new { message = "¿abren mañana?" })), 1);

        var openAi = await client.PostAsync("/v1/chat/completions", Http.Json(new { model = "conversa", messages = new[] { new { role = "user", content = "hola" } } }));
        var problem = await QuotaProblemAsync(openAi, 1);
        var error = problem["error"]!;
        error.Str("type").Should().Be("insufficient_quota", "OpenAI's own error for an exhausted quota, which clients do not retry soon");
        error.Str("code").Should().Be("insufficient_quota");
        error.Str("message").Should().Be(problem.Str("detail"));
    }

    [Fact]
    public async Task A_widget_visitor_over_the_tenant_s_own_limit_gets_the_polite_reply_until_the_limit_is_raised()
    {
        const string origin = "https://shop.example.com";
        var tenant = await app.CreateTenantAsync(extra: new { language = "es" });
        var owner = await tenant.OwnerClientAsync();
        var key = (await owner.PostJsonAsync("/api/api-keys", new { name = "widget", kind = "public", allowed_origins = new[] { origin + "/" } }, 201)).Str("key");
        var admin = await app.AdminClientAsync();
        await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { limits = new { messages = 1 } }, 200);
        var visitor = app.ClientWithKey(key);
        visitor.DefaultRequestHeaders.Add("Origin", origin);

        var first = await visitor.PostJsonAsync("/api/widget/messages", new { visitor_id = "visitor-0001", message = "hola" }, 200);
        first.Str("reply").Should().NotContain(PoliteEs);
        var second = await visitor.PostJsonAsync("/api/widget/messages", new { visitor_id = "visitor-0001", message = "¿tienen horarios mañana?" }, 200);
        second.Str("reply").Should().Contain(PoliteEs);
        var stored = await tenant.KeyClient().GetJsonAsync($"/api/conversations/{second.Str("conversation_id")}");
        stored["messages"]!.AsArray().Select(m => m!.Str("content")).Should().Contain("¿tienen horarios mañana?");

        await admin.PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { limits = new { messages = 5 } }, 200);
        var third = await visitor.PostJsonAsync("/api/widget/messages", new { visitor_id = "visitor-0001", message = "hola de nuevo" }, 200);
        third.Str("reply").Should().NotContain(PoliteEs, "a refused message does not use up the raised limit");
    }

    private static IEnumerable<string> Types(JsonNode reply) => reply["actions"]!.AsArray().Select(a => a!.Str("type"));

    private static IEnumerable<string> StoredTypes(JsonNode message) => Types(message["metadata"]!);

    /// <summary>The contract's 429: type ending in /quota-exceeded, a detail naming the limit, Retry-After until the next (UTC) month.</summary>
    private static async Task<JsonNode> QuotaProblemAsync(HttpResponseMessage response, long limit)
    {
        var problem = await Http.ProblemAsync(response, 429);
        problem.Str("type").Should().EndWith("/quota-exceeded");
        problem.Str("detail").Should().Contain("messages limit").And.Contain($"({limit})");
        var now = DateTimeOffset.UtcNow;
        var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeApproximately((nextMonth - now).TotalSeconds, 60);
        return problem;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MessageQuotaTestsOnSqlite(SqliteFactory app) : MessageQuotaTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MessageQuotaTestsOnPostgres(PostgresFactory app) : MessageQuotaTests(app);
