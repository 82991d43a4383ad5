using System.Net;
using Microsoft.AspNetCore.Hosting;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Support;
using Conversa.Core.Conversations;

namespace Conversa.Api.Tests.Widget;

/// <summary>
/// <c>GET /api/widget/messages</c>: after a hand-off the bot stays silent on <c>POST /api/widget/messages</c> and the
/// human agent's replies reach the visitor through this feed, after a cursor; another visitor, another tenant's key
/// and a wrong origin never read them; the replies handed out become delivered; bad cursors are 400 problems; polling
/// has its own rate limit and leaves the key's budget to the visitors' messages.
/// </summary>
public abstract class WidgetFeedTests(ConversaFactory app)
{
    private const string Shop = WidgetVisitors.Shop;

    private async Task<(TestTenant Tenant, string PublicKey)> SiteAsync(string origin = Shop, int? perMinute = null)
    {
        var tenant = await app.CreateTenantAsync(extra: new { language = "es" });
        var owner = await tenant.OwnerClientAsync();
        var created = await owner.PostJsonAsync("/api/api-keys",
            new { name = "widget", kind = "public", allowed_origins = new[] { origin }, rate_limit_per_minute = perMinute }, 201);
        return (tenant, created.Str("key"));
    }

    private HttpClient Visitor(string key, string? origin = Shop) => app.WidgetVisitor(key, origin);

    private static async Task<JsonNode> SendAsync(HttpClient visitor, string visitorId, string message) =>
        await visitor.PostJsonAsync("/api/widget/messages", new { visitor_id = visitorId, message }, 200);

    private static Task<HttpResponseMessage> PollAsync(HttpClient visitor, string visitorId, string? after = null, int? limit = null) =>
        visitor.GetAsync($"/api/widget/messages?visitor_id={visitorId}" + (after is null ? "" : $"&after={after}") + (limit is null ? "" : $"&limit={limit}"));

    /// <summary>The visitor has talked to the bot, a person took over and answered <paramref name="replies"/>.</summary>
    private static async Task<(string ConversationId, string BotReplyId)> HandedOffAsync(
        TestTenant tenant, HttpClient visitor, string visitorId, params string[] replies)
    {
        var first = await SendAsync(visitor, visitorId, "hola");
        var conversationId = first.Str("conversation_id");
        var staff = tenant.KeyClient();
        await staff.PostJsonAsync($"/api/conversations/{conversationId}/handoff", new { reason = "visitor asked for a person" }, 200);
        foreach (var reply in replies)
        {
            await staff.PostJsonAsync($"/api/conversations/{conversationId}/messages", new { content = reply }, 201);
        }
        return (conversationId, first.Str("message_id"));
    }

    [Fact]
    public async Task A_human_agent_s_reply_after_a_hand_off_reaches_the_visitor_after_the_cursor()
    {
        var (tenant, key) = await SiteAsync();
        var visitor = Visitor(key);
        var first = await SendAsync(visitor, "visitor-feed-1", "hola");
        var botReplyId = first.Str("message_id");

        var start = await Http.ReadAsync(await PollAsync(visitor, "visitor-feed-1"), 200);
        start.Str("conversation_id").Should().Be(first.Str("conversation_id"));
        start["handoff"]!.GetValue<bool>().Should().BeFalse();
        var items = start["items"]!.AsArray();
        items.Should().ContainSingle("the visitor's own message is not a reply");
        items[0]!.Str("id").Should().Be(botReplyId);
        items[0]!.Str("role").Should().Be("assistant");
        items[0]!.Str("content").Should().Be(first.Str("reply"));
        items[0]!["from_human"]!.GetValue<bool>().Should().BeFalse();
        start.Str("next_cursor").Should().Be(botReplyId);

        var staff = tenant.KeyClient();
        var conversationId = first.Str("conversation_id");
        await staff.PostJsonAsync($"/api/conversations/{conversationId}/handoff", new { }, 200);
        var silent = await SendAsync(visitor, "visitor-feed-1", "¿me atiende una persona?");
        silent.Str("reply").Should().BeEmpty("the bot is silent while a person has the conversation");
        silent["message_id"].Should().BeNull();
        silent.Str("agent").Should().Be("human");
        silent["handoff"]!.GetValue<bool>().Should().BeTrue();
        var nothingYet = await Http.ReadAsync(await PollAsync(visitor, "visitor-feed-1", botReplyId), 200);
        nothingYet["items"]!.AsArray().Should().BeEmpty();
        nothingYet["handoff"]!.GetValue<bool>().Should().BeTrue();
        nothingYet.Str("next_cursor").Should().Be(botReplyId);

        var ana = await staff.PostJsonAsync($"/api/conversations/{conversationId}/messages", new { content = "Hola, soy Ana. ¿En qué te ayudo?" }, 201);
        var luis = await staff.PostJsonAsync($"/api/conversations/{conversationId}/messages", new { content = "Luis también está aquí." }, 201);

        var response = await PollAsync(visitor, "visitor-feed-1", botReplyId);
        var fresh = await Http.ReadAsync(response, 200);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Shop);
        fresh["items"]!.AsArray().Select(m => m!.Str("content")).Should().Equal("Hola, soy Ana. ¿En qué te ayudo?", "Luis también está aquí.");
        var agentReply = fresh["items"]![0]!;
        agentReply.Str("id").Should().Be(ana.Str("id"));
        agentReply.Str("role").Should().Be("agent");
        agentReply.Str("agent").Should().Be("human");
        agentReply["from_human"]!.GetValue<bool>().Should().BeTrue();
        DateTimeOffset.Parse(agentReply.Str("created_at"), System.Globalization.CultureInfo.InvariantCulture).Offset.Should().Be(TimeSpan.FromHours(-5), "times carry the tenant's offset");
        fresh.Str("next_cursor").Should().Be(luis.Str("id"));

        var oneAtATime = await Http.ReadAsync(await PollAsync(visitor, "visitor-feed-1", botReplyId, limit: 1), 200);
        oneAtATime["items"]!.AsArray().Select(m => m!.Str("id")).Should().Equal(ana.Str("id"));
        oneAtATime.Str("next_cursor").Should().Be(ana.Str("id"));
        var caughtUp = await Http.ReadAsync(await PollAsync(visitor, "visitor-feed-1", luis.Str("id")), 200);
        caughtUp["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Replies_the_feed_hands_out_become_delivered_and_a_later_status_is_never_moved_back()
    {
        var (tenant, key) = await SiteAsync();
        var visitor = Visitor(key);
        var (conversationId, botReplyId) = await HandedOffAsync(tenant, visitor, "visitor-feed-7", "Hola, soy Ana.", "¿Sigues ahí?");
        var staff = tenant.KeyClient();
        async Task<Dictionary<string, string?>> StatusesAsync() =>
            (await staff.GetJsonAsync($"/api/conversations/{conversationId}"))["messages"]!.AsArray()
                .ToDictionary(m => m!.Str("content"), m => m!["delivery_status"]?.GetValue<string>());

        var before = await StatusesAsync();
        before["Hola, soy Ana."].Should().Be("sent", "nobody has the reply until the widget fetches it");
        before["¿Sigues ahí?"].Should().Be("sent");

        var first = await Http.ReadAsync(await PollAsync(visitor, "visitor-feed-7", botReplyId, limit: 1), 200);
        first["items"]!.AsArray().Select(m => m!.Str("content")).Should().Equal("Hola, soy Ana.");
        var afterFirst = await StatusesAsync();
        afterFirst["Hola, soy Ana."].Should().Be("delivered");
        afterFirst["¿Sigues ahí?"].Should().Be("sent", "only what the visitor was given is delivered");
        afterFirst["hola"].Should().BeNull("the visitor's own message has no delivery status");

        var bot = await staff.GetJsonAsync($"/api/conversations/{conversationId}");
        bot["messages"]!.AsArray().Single(m => m!.Str("id") == botReplyId)!.Str("delivery_status").Should().Be("sent");
        (await app.StoreAsync(tenant, s => s.MarkDeliveryAsync(Guid.Parse(botReplyId), DeliveryStatus.Read, null, CancellationToken.None))).Should().BeTrue();

        var all = await Http.ReadAsync(await PollAsync(visitor, "visitor-feed-7"), 200);
        all["items"]!.AsArray().Select(m => m!.Str("id")).Should().Contain(botReplyId);
        await Http.ReadAsync(await PollAsync(visitor, "visitor-feed-7"), 200);
        var after = await StatusesAsync();
        after["Hola, soy Ana."].Should().Be("delivered", "polling again changes nothing");
        after["¿Sigues ahí?"].Should().Be("delivered");
        after["hola"].Should().BeNull();
        (await staff.GetJsonAsync($"/api/conversations/{conversationId}"))["messages"]!.AsArray()
            .Single(m => m!.Str("id") == botReplyId)!.Str("delivery_status").Should().Be("read", "a status never moves back");
    }

    [Fact]
    public async Task Another_visitor_and_the_same_visitor_id_under_another_tenant_s_key_never_read_the_replies()
    {
        var (tenant, key) = await SiteAsync();
        var (_, otherKey) = await SiteAsync("https://other.example.org");
        var visitor = Visitor(key);
        var (_, botReplyId) = await HandedOffAsync(tenant, visitor, "visitor-feed-2", "Solo para ti: tu código es 4711.");
        var mine = await Http.ReadAsync(await PollAsync(visitor, "visitor-feed-2"), 200);
        var agentReplyId = mine["items"]!.AsArray()[^1]!.Str("id");

        var stranger = await Http.ReadAsync(await PollAsync(visitor, "visitor-feed-3"), 200);
        stranger["items"]!.AsArray().Should().BeEmpty();
        stranger["conversation_id"].Should().BeNull();
        await SendAsync(visitor, "visitor-feed-3", "hola");
        foreach (var cursor in new[] { botReplyId, agentReplyId })
        {
            var problem = await Http.ProblemAsync(await PollAsync(visitor, "visitor-feed-3", cursor), 400);
            problem["errors"]!["after"].Should().NotBeNull();
            problem.ToJsonString().Should().NotContain("4711");
        }

        var elsewhere = Visitor(otherKey, "https://other.example.org");
        var sameIdThere = await Http.ReadAsync(await PollAsync(elsewhere, "visitor-feed-2"), 200);
        sameIdThere["items"]!.AsArray().Should().BeEmpty();
        sameIdThere["conversation_id"].Should().BeNull();
        (await Http.ProblemAsync(await PollAsync(elsewhere, "visitor-feed-2", agentReplyId), 400)).ToJsonString().Should().NotContain("4711");
    }

    [Fact]
    public async Task A_wrong_or_missing_origin_is_refused_without_CORS_headers()
    {
        var (tenant, key) = await SiteAsync();
        await HandedOffAsync(tenant, Visitor(key), "visitor-feed-4", "Hola desde el equipo.");

        var wrong = await PollAsync(Visitor(key, "https://evil.example.com"), "visitor-feed-4");
        (await Http.ProblemAsync(wrong, 403)).ToJsonString().Should().NotContain("Hola desde el equipo");
        wrong.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        await Http.ProblemAsync(await PollAsync(Visitor(key, origin: null), "visitor-feed-4"), 403);
        await Http.ProblemAsync(await PollAsync(app.CreateClient(), "visitor-feed-4"), 401);
    }

    [Fact]
    public async Task Bad_cursors_and_visitor_ids_are_400_problems_naming_the_field()
    {
        var (tenant, key) = await SiteAsync();
        var visitor = Visitor(key);
        var (conversationId, botReplyId) = await HandedOffAsync(tenant, visitor, "visitor-feed-5");

        async Task<JsonNode> Invalid(string query) =>
            (await Http.ProblemAsync(await visitor.GetAsync("/api/widget/messages?" + query), 400))["errors"]!;

        (await Invalid("visitor_id=visitor-feed-5&after=not-a-cursor"))["after"].Should().NotBeNull();
        (await Invalid($"visitor_id=visitor-feed-5&after={Guid.NewGuid()}"))["after"].Should().NotBeNull();
        (await Invalid("after=" + botReplyId))["visitor_id"].Should().NotBeNull();
        (await Invalid("visitor_id=short"))["visitor_id"].Should().NotBeNull();
        (await Invalid("visitor_id=visitor%2F..%2F0001"))["visitor_id"].Should().NotBeNull();
        (await Invalid("visitor_id=visitor-feed-5&limit=0"))["limit"].Should().NotBeNull();
        (await Invalid("visitor_id=visitor-feed-5&limit=201"))["limit"].Should().NotBeNull();

        // Staff deleted the conversation: the widget's old cursor names nothing any more, and asking without it starts afresh.
        (await tenant.KeyClient().DeleteAsync($"/api/conversations/{conversationId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Invalid($"visitor_id=visitor-feed-5&after={botReplyId}"))["after"].Should().NotBeNull();
        var next = await SendAsync(visitor, "visitor-feed-5", "hola otra vez");
        var afresh = await Http.ReadAsync(await PollAsync(visitor, "visitor-feed-5"), 200);
        afresh.Str("conversation_id").Should().Be(next.Str("conversation_id")).And.NotBe(conversationId);
        afresh["items"]!.AsArray().Select(m => m!.Str("id")).Should().Equal(next.Str("message_id"));
    }

    [Fact]
    public async Task A_visitor_who_polls_too_often_gets_429_with_Retry_After_and_may_still_send_messages()
    {
        var (_, key) = await SiteAsync();
        var visitor = Visitor(key);
        await SendAsync(visitor, "visitor-feed-6", "hola");

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 45 && limited is null; i++)
        {
            var response = await PollAsync(visitor, "visitor-feed-6");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        limited.Should().NotBeNull("one visitor may poll about 30 times a minute");
        var problem = await Http.ProblemAsync(limited!, 429);
        problem.Str("detail").Should().Contain("new messages", "the visitor's poll budget ran out, not the key's");
        limited!.Headers.RetryAfter.Should().NotBeNull();
        limited.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Shop);
        (await SendAsync(visitor, "visitor-feed-6", "sigo aquí")).Str("reply").Should().NotBeEmpty("polls do not use up the message budget");
    }

    [Fact]
    public async Task Polls_of_many_waiting_visitors_leave_the_key_s_budget_to_their_messages()
    {
        var (_, key) = await SiteAsync(perMinute: 3);
        var visitor = Visitor(key);

        for (var i = 0; i < 20; i++)
        {
            (await PollAsync(visitor, $"visitor-wait-{i:D2}")).StatusCode.Should().Be(HttpStatusCode.OK, "polls do not count against the key's 3 a minute");
        }
        (await SendAsync(visitor, "visitor-wait-00", "hola")).Str("reply").Should().NotBeEmpty("the polls left the key's budget alone");

        HttpResponseMessage? overKey = null;
        for (var i = 0; i < 30 && overKey is null; i++)
        {
            var response = await visitor.PostAsync("/api/widget/messages", Http.Json(new { visitor_id = $"visitor-send-{i:D2}", message = "hola" }));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                overKey = response;
            }
        }
        overKey.Should().NotBeNull("messages still count against the key's budget");
        (await Http.ProblemAsync(overKey!, 429)).Str("detail").Should().Contain("key or tenant");
        (await PollAsync(visitor, "visitor-wait-01")).StatusCode.Should().Be(HttpStatusCode.OK, "an exhausted key still lets visitors poll");

        HttpResponseMessage? overVisitor = null;
        for (var i = 0; i < 45 && overVisitor is null; i++)
        {
            var response = await PollAsync(visitor, "visitor-wait-02");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                overVisitor = response;
            }
        }
        overVisitor.Should().NotBeNull("one visitor may still poll only about 30 times a minute");
        (await Http.ProblemAsync(overVisitor!, 429)).Str("detail").Should().Contain("new messages");
        overVisitor!.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task A_secret_key_polling_for_many_visitors_is_capped_in_all_and_other_keys_are_not()
    {
        await using var host = app.WithWebHostBuilder(b => b.UseSetting("Conversa:Widget:PollsPerMinutePerKey", "5"));
        var (tenant, _) = await SiteAsync();
        var relay = host.CreateClient();
        relay.DefaultRequestHeaders.Add("X-API-Key", tenant.Key);

        HttpResponseMessage? limited = null;
        var allowed = 0;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await PollAsync(relay, $"visitor-relay-{i:D2}");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                allowed++;
            }
        }

        allowed.Should().Be(5, "a new visitor id per poll does not escape the key's own poll budget");
        (await Http.ProblemAsync(limited!, 429)).Str("detail").Should().Contain("all its visitors");
        limited!.Headers.RetryAfter.Should().NotBeNull();
        var (other, _) = await SiteAsync();
        var otherRelay = host.CreateClient();
        otherRelay.DefaultRequestHeaders.Add("X-API-Key", other.Key);
        (await PollAsync(otherRelay, "visitor-relay-00")).StatusCode.Should().Be(HttpStatusCode.OK, "each key has its own budget");
        var (_, publicKey) = await SiteAsync();
        var widget = host.CreateClient();
        widget.DefaultRequestHeaders.Add("X-API-Key", publicKey);
        widget.DefaultRequestHeaders.Add("Origin", Shop);
        for (var i = 0; i < 8; i++)
        {
            (await PollAsync(widget, $"visitor-site-{i:D2}")).StatusCode.Should().Be(HttpStatusCode.OK, "a site's widgets poll from many addresses: the address limit bounds them");
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WidgetFeedTestsOnSqlite(SqliteFactory app) : WidgetFeedTests(app);

[Collection(PostgresCollection.Name)]
public sealed class WidgetFeedTestsOnPostgres(PostgresFactory app) : WidgetFeedTests(app);
