using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Conversa.Core.Channels;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Channels;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Channels.WhatsApp;

/// <summary>
/// Meta's webhooks end to end: signed bodies into the inbox, the assistant's replies out through the fake Graph API
/// with the tenant's bearer token, statuses into delivery_status — and everything else acknowledged, never a 500.
/// </summary>
public abstract class WhatsAppWebhookTests(IWhatsAppApp app)
{
    private ConversaFactory App => app.App;
    private FakeGraphApi Graph => app.Graph;

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? secret = IWhatsAppApp.PlatformAppSecret, string path = "/webhooks/whatsapp")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (secret is not null)
        {
            content.Headers.Add(WhatsAppSignature.HeaderName, WhatsAppSignature.Sign(secret, body));
        }
        return await App.CreateClient().PostAsync(path, content);
    }

    private static string Suffix() => "." + Guid.NewGuid().ToString("N")[..10];

    private static async Task<JsonArray> WhatsAppConversationsAsync(HttpClient client) =>
        (await client.GetJsonAsync("/api/conversations?channel=whatsapp"))["items"]!.AsArray();

    private static async Task<JsonNode> WaitForAsync(Func<Task<JsonNode?>> probe, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("Still waiting for " + what);
    }

    [Fact]
    public async Task A_text_message_is_answered_through_the_graph_api_with_the_tenants_token()
    {
        var (tenant, number) = await app.TenantWithNumberAsync();
        var response = await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix()));
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        var send = (await Graph.WaitForSendsAsync(number, 1)).Should().ContainSingle().Subject;
        send.Path.Should().Be($"/v25.0/{number}/messages");
        send.Authorization.Should().Be("Bearer " + Graph.AccessToken);
        send.Body!["messaging_product"]!.GetValue<string>().Should().Be("whatsapp");
        send.Body["recipient_type"]!.GetValue<string>().Should().Be("individual");
        send.Body["to"]!.GetValue<string>().Should().Be("+16505551234");
        send.Body["type"]!.GetValue<string>().Should().Be("text");
        send.Body["text"]!["body"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();

        var conversation = (await WhatsAppConversationsAsync(tenant.KeyClient())).Should().ContainSingle().Subject!;
        conversation["contact"]!["phone"]!.GetValue<string>().Should().Be("+16505551234");
        conversation["contact"]!["name"]!.GetValue<string>().Should().Be("Sheena Nelson");
        var detail = await tenant.KeyClient().GetJsonAsync($"/api/conversations/{conversation["id"]}");
        var messages = detail["messages"]!.AsArray();
        messages[0]!["content"]!.GetValue<string>().Should().Be("Does it come in another color?");
        messages[1]!["content"]!.GetValue<string>().Should().Be(send.Body["text"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_redelivered_message_is_answered_once()
    {
        var (_, number) = await app.TenantWithNumberAsync();
        var body = WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix());
        var posts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(body)));
        posts.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        (await PostAsync(body)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Graph.WaitForSendsAsync(number, 1);
        await Task.Delay(1500);
        Graph.SendsFrom(number).Should().HaveCount(1);
    }

    [Fact]
    public async Task Bad_or_missing_signatures_are_401_and_nothing_is_stored()
    {
        var (tenant, number) = await app.TenantWithNumberAsync(new { app_secret = "tenant-own-secret" });
        var body = WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix());
        await Http.ProblemAsync(await PostAsync(body, secret: null), 401);
        await Http.ProblemAsync(await PostAsync(body, secret: "not-the-secret"), 401);
        await Http.ProblemAsync(await PostAsync(body, secret: IWhatsAppApp.PlatformAppSecret, path: $"/webhooks/whatsapp/{tenant.Slug}"), 401);
        await Http.ProblemAsync(await PostAsync(body, secret: null, path: $"/webhooks/whatsapp/{tenant.Slug}"), 401);
        var tampered = WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix());
        var content = new ByteArrayContent(tampered);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add(WhatsAppSignature.HeaderName, WhatsAppSignature.Sign(IWhatsAppApp.PlatformAppSecret, body));
        await Http.ProblemAsync(await App.CreateClient().PostAsync("/webhooks/whatsapp", content), 401);
        await Task.Delay(1000);
        Graph.SendsFrom(number).Should().BeEmpty();
        (await WhatsAppConversationsAsync(tenant.KeyClient())).Should().BeEmpty();

        // The tenant's own URL takes its own secret.
        (await PostAsync(body, secret: "tenant-own-secret", path: $"/webhooks/whatsapp/{tenant.Slug}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Graph.WaitForSendsAsync(number, 1);
        Graph.SendsFrom(number).Should().HaveCount(1);
    }

    [Fact]
    public async Task A_new_app_secret_counts_at_once_and_the_old_one_is_refused()
    {
        var (tenant, number) = await app.TenantWithNumberAsync(new { app_secret = "first-secret" });
        var path = $"/webhooks/whatsapp/{tenant.Slug}";
        // Accepted once, so this node has the first secret at hand.
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix()), "first-secret", path)).StatusCode.Should().Be(HttpStatusCode.OK);

        await tenant.KeyClient().PutJsonAsync("/api/channels/whatsapp",
            new { phone_number_id = number, waba_id = "102290129340398", display_phone_number = "15550783881", app_secret = "second-secret" }, 200);
        var body = WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix());
        await Http.ProblemAsync(await PostAsync(body, "first-secret", path), 401);
        (await PostAsync(body, "second-secret", path)).StatusCode.Should().Be(HttpStatusCode.OK);

        // Without its number the tenant's URL takes the platform's secret again.
        (await tenant.KeyClient().DeleteAsync(new Uri("/api/channels/whatsapp", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var after = WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix());
        await Http.ProblemAsync(await PostAsync(after, "second-secret", path), 401);
        (await PostAsync(after, IWhatsAppApp.PlatformAppSecret, path)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_new_access_token_is_used_for_the_very_next_reply()
    {
        var (tenant, number) = await app.TenantWithNumberAsync(new { access_token = "first-token" });
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix()))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Graph.WaitForSendsAsync(number, 1)).Should().ContainSingle().Which.Authorization.Should().Be("Bearer first-token");

        await tenant.KeyClient().PutJsonAsync("/api/channels/whatsapp",
            new { phone_number_id = number, waba_id = "102290129340398", display_phone_number = "15550783881", access_token = "second-token" }, 200);
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix()))).StatusCode.Should().Be(HttpStatusCode.OK);

        var sends = await Graph.WaitForSendsAsync(number, 2);
        sends.Should().HaveCount(2);
        sends[1].Authorization.Should().Be("Bearer second-token");
    }

    [Fact]
    public async Task An_unknown_number_is_acknowledged_and_not_processed()
    {
        var number = WhatsAppTestSetup.NewPhoneNumberId();
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix()))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync(WhatsAppFixtures.For("whatsapp_status_delivered", number, Suffix()))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Http.ProblemAsync(await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix()), path: "/webhooks/whatsapp/no-such-tenant"), 404);
        await Task.Delay(1000);
        Graph.SendsFrom(number).Should().BeEmpty();
    }

    [Fact]
    public async Task Another_tenants_number_on_a_tenants_url_is_not_processed()
    {
        var (_, number) = await app.TenantWithNumberAsync();
        var (other, _) = await app.TenantWithNumberAsync();
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix()), path: $"/webhooks/whatsapp/{other.Slug}"))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(1000);
        Graph.SendsFrom(number).Should().BeEmpty();
        (await WhatsAppConversationsAsync(other.KeyClient())).Should().BeEmpty();
    }

    [Fact]
    public async Task Button_and_list_replies_are_answered_as_their_titles()
    {
        var (tenant, number) = await app.TenantWithNumberAsync();
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_interactive_button_reply", number, Suffix()))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix(), body =>
        {
            var message = WhatsAppFixtures.FirstMessage(body);
            message.Remove("text");
            message["type"] = "button";
            message["button"] = new JsonObject { ["payload"] = "CONFIRM", ["text"] = "Confirmar cita" };
        }))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Graph.WaitForSendsAsync(number, 2);
        var conversation = (await WhatsAppConversationsAsync(tenant.KeyClient())).Should().ContainSingle().Subject!;
        var messages = (await tenant.KeyClient().GetJsonAsync($"/api/conversations/{conversation["id"]}"))["messages"]!.AsArray();
        messages.Where(m => m!["role"]!.GetValue<string>() == "user").Select(m => m!["content"]!.GetValue<string>())
            .Should().BeEquivalentTo("Cancel", "Confirmar cita");
    }

    [Theory]
    [InlineData("whatsapp_inbound_audio_voice", "voice")]
    [InlineData("whatsapp_inbound_image", "image")]
    public async Task Media_without_a_model_gets_a_polite_text_only_reply(string fixture, string kind)
    {
        var (_, number) = await app.TenantWithNumberAsync();
        (await PostAsync(WhatsAppFixtures.For(fixture, number, Suffix()))).StatusCode.Should().Be(HttpStatusCode.OK);
        var reply = (await Graph.WaitForSendsAsync(number, 1)).Should().ContainSingle().Subject.Body!["text"]!["body"]!.GetValue<string>();
        var expected = kind == "voice" ? WhatsAppReplies.VoiceNote : WhatsAppReplies.Image;
        reply.Should().BeOneOf(expected.Es, expected.Pt, expected.En);
    }

    [Fact]
    public async Task Types_it_cannot_read_get_a_polite_reply_and_junk_is_never_a_500()
    {
        var (_, number) = await app.TenantWithNumberAsync();
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix(), body =>
        {
            var message = WhatsAppFixtures.FirstMessage(body);
            message.Remove("text");
            message["type"] = "sticker";
            message["sticker"] = new JsonObject { ["id"] = "555", ["mime_type"] = "image/webp", ["animated"] = false };
        }))).StatusCode.Should().Be(HttpStatusCode.OK);
        var reply = (await Graph.WaitForSendsAsync(number, 1)).Should().ContainSingle().Subject.Body!["text"]!["body"]!.GetValue<string>();
        reply.Should().BeOneOf(WhatsAppReplies.Unsupported.Es, WhatsAppReplies.Unsupported.Pt, WhatsAppReplies.Unsupported.En);

        foreach (var junk in new[] { "{}", "[]", "{\"entry\":[1,{\"changes\":\"x\"}]}", "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"" + number + "\"},\"messages\":[{\"id\":\"wamid.junk" + Suffix() + "\",\"type\":\"text\"}]}}]}]}" })
        {
            (await PostAsync(Encoding.UTF8.GetBytes(junk))).StatusCode.Should().Be(HttpStatusCode.OK, junk);
        }
        await Http.ProblemAsync(await PostAsync(Encoding.UTF8.GetBytes("definitely not json")), 400);
        await Task.Delay(500);
        Graph.SendsFrom(number).Should().HaveCount(1);
    }

    [Fact]
    public async Task Statuses_move_the_delivery_status_of_the_reply()
    {
        var (tenant, number) = await app.TenantWithNumberAsync();
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix()))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Graph.WaitForSendsAsync(number, 1);
        var client = tenant.KeyClient();
        var conversationId = (await WhatsAppConversationsAsync(client))[0]!["id"]!.GetValue<string>();
        async Task<JsonNode?> ReplyWith(string status)
        {
            var reply = (await client.GetJsonAsync($"/api/conversations/{conversationId}"))["messages"]!.AsArray()
                .LastOrDefault(m => m!["role"]!.GetValue<string>() == "assistant");
            return reply?["delivery_status"]?.GetValue<string>() == status ? reply : null;
        }
        await WaitForAsync(() => ReplyWith("sent"), "the reply to be sent");
        var wamid = await App.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
        {
            var store = services.GetRequiredService<ConversationStore>();
            var thread = (await store.RecentMessagesAsync(Guid.Parse(conversationId), 5, default)).Last(m => m.Role == MessageRole.Assistant);
            return thread.ExternalId!;
        });
        wamid.Should().StartWith("wamid.fake");

        (await PostAsync(WhatsAppFixtures.For("whatsapp_status_delivered", number, "", body =>
            WhatsAppFixtures.Values(body).First()["statuses"]![0]!["id"] = wamid))).StatusCode.Should().Be(HttpStatusCode.OK);
        await WaitForAsync(() => ReplyWith("delivered"), "delivered");
        (await PostAsync(WhatsAppFixtures.For("whatsapp_status_delivered", number, "", body =>
        {
            var status = WhatsAppFixtures.Values(body).First()["statuses"]![0]!;
            status["id"] = wamid;
            status["status"] = "read";
        }))).StatusCode.Should().Be(HttpStatusCode.OK);
        await WaitForAsync(() => ReplyWith("read"), "read");
    }

    [Fact]
    public async Task A_failed_status_marks_the_message_failed_with_the_reason()
    {
        var (tenant, number) = await app.TenantWithNumberAsync();
        var conversationId = await OpenConversationAsync(tenant, "+16505551234");
        var wamid = "wamid.failing" + Suffix();
        await App.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
        {
            var store = services.GetRequiredService<ConversationStore>();
            await store.AppendAsync(conversationId, NewMessage.FromUser("hola", "wamid.in" + Suffix()), default);
            var sent = await store.AppendAsync(conversationId, new NewMessage(MessageRole.Agent, "te escribo", DeliveryStatus: DeliveryStatus.Sent, ExternalId: wamid), default);
            return sent;
        });
        (await PostAsync(WhatsAppFixtures.For("whatsapp_status_failed", number, "", body =>
            WhatsAppFixtures.Values(body).First()["statuses"]![0]!["id"] = wamid))).StatusCode.Should().Be(HttpStatusCode.OK);
        var failed = await WaitForAsync(async () =>
            (await tenant.KeyClient().GetJsonAsync($"/api/conversations/{conversationId}"))["messages"]!.AsArray()
                .FirstOrDefault(m => m!["delivery_status"]?.GetValue<string>() == "failed" && m["metadata"]?["delivery_error"] is not null), "failed");
        failed["metadata"]!["delivery_error"]!.GetValue<string>().Should().Contain("131049");
    }

    [Fact]
    public async Task A_reply_longer_than_whatsapp_allows_goes_out_in_parts()
    {
        var (tenant, number) = await app.TenantWithNumberAsync();
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix()))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Graph.WaitForSendsAsync(number, 1);
        var conversationId = Guid.Parse((await WhatsAppConversationsAsync(tenant.KeyClient()))[0]!["id"]!.GetValue<string>());
        var paragraph = string.Join(" ", Enumerable.Repeat("Este es un texto largo para probar la división.", 30));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 6));
        await SendAsync(tenant, conversationId, text);
        var sends = (await Graph.WaitForSendsAsync(number, 4)).Skip(1).ToList();
        sends.Should().HaveCountGreaterThan(1);
        sends.Select(s => s.Body!["text"]!["body"]!.GetValue<string>()).Should().OnlyContain(b => b.Length <= 4096);
        string.Join("\n\n", sends.Select(s => s.Body!["text"]!["body"]!.GetValue<string>())).Should().Be(text);
    }

    [Fact]
    public async Task A_reply_in_parts_interrupted_after_the_first_goes_on_from_the_saved_progress_without_repeating_it()
    {
        var (tenant, number) = await app.TenantWithNumberAsync();
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix()))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Graph.WaitForSendsAsync(number, 1);
        var conversationId = Guid.Parse((await WhatsAppConversationsAsync(tenant.KeyClient()))[0]!["id"]!.GetValue<string>());
        var text = string.Join("\n\n", Enumerable.Range(1, 6).Select(i => string.Join(" ", Enumerable.Repeat($"Parte {i} de un texto largo.", 60))));
        Graph.Refuse = body => body?["text"]?["body"]?.GetValue<string>().Contains("Parte 3", StringComparison.Ordinal) == true;
        try
        {
            await SendAsync(tenant, conversationId, text);
            var row = await WaitForAsync(async () => await App.Services.GetRequiredService<TenantScope>().RunDbAsync(tenant.Id, async db =>
                await db.OutboxEntries.AsNoTracking().FirstOrDefaultAsync(o => o.ConversationId == conversationId && o.Error != null && o.Progress != null)
                    is { } r ? JsonNode.Parse($$"""{"progress":"{{r.Progress}}","status":"{{r.Status}}"}""") : null), "the interrupted row");
            row["progress"]!.GetValue<string>().Should().StartWith("1:wamid.", "the first part was accepted and that is on the row");
            row["status"]!.GetValue<string>().Should().Be(nameof(OutboxStatus.Pending));
        }
        finally
        {
            Graph.Refuse = null;
        }

        await WaitForAsync(() => Task.FromResult<JsonNode?>(
            Graph.SendsFrom(number).Any(r => r.Body!["text"]!["body"]!.GetValue<string>().Contains("Parte 6")) ? true : null), "the last part");
        var sent = Graph.SendsFrom(number).Skip(1).Select(r => r.Body!["text"]!["body"]!.GetValue<string>()).ToList();
        sent.Count(b => b.Contains("Parte 1")).Should().Be(1, "the part the customer already has is not sent again");
        string.Join("\n\n", sent.Distinct()).Should().Be(text, "the refused part went out again and the rest after it, in order");
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_are_retried_until_the_reply_is_delivered_once()
    {
        var (_, number) = await app.TenantWithNumberAsync();
        Graph.FailNext(429, retryAfter: "1");
        Graph.FailNext(500);
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix()))).StatusCode.Should().Be(HttpStatusCode.OK);
        var sends = await Graph.WaitForSendsAsync(number, 3, TimeSpan.FromSeconds(60));
        sends.Should().HaveCount(3);
        await Task.Delay(1500);
        Graph.SendsFrom(number).Should().HaveCount(3, "two refused attempts and one delivery, never a second delivery");
    }

    [Fact]
    public async Task Outside_the_24_hour_window_the_reminder_template_is_sent()
    {
        var (tenant, number) = await app.TenantWithNumberAsync(new { reminder_template = new { name = "appointment_reminder", language = "es" } });
        var conversationId = await OpenConversationAsync(tenant, "+573001234567");
        await SendAsync(tenant, conversationId, "Mañana a las 10:00 tienes tu cita de botox.");
        var send = (await Graph.WaitForSendsAsync(number, 1)).Should().ContainSingle().Subject;
        send.Body!["type"]!.GetValue<string>().Should().Be("template");
        send.Body["to"]!.GetValue<string>().Should().Be("+573001234567");
        send.Body["template"]!["name"]!.GetValue<string>().Should().Be("appointment_reminder");
        send.Body["template"]!["components"]![0]!["parameters"]![0]!["text"]!.GetValue<string>().Should().Be("Mañana a las 10:00 tienes tu cita de botox.");
    }

    [Fact]
    public async Task Outside_the_window_without_a_template_the_message_fails_with_the_reason()
    {
        var (tenant, number) = await app.TenantWithNumberAsync();
        var conversationId = await OpenConversationAsync(tenant, "+573001234568");
        await SendAsync(tenant, conversationId, "Recordatorio");
        await WaitForAsync(async () =>
            (await tenant.KeyClient().GetJsonAsync($"/api/conversations/{conversationId}"))["messages"]!.AsArray()
                .FirstOrDefault(m => m!["delivery_status"]?.GetValue<string>() == "failed"), "the message to fail");
        Graph.SendsFrom(number).Should().BeEmpty();
    }

    [Fact]
    public async Task An_owners_linked_phone_reaches_the_personal_assistant()
    {
        var (tenant, number) = await app.TenantWithNumberAsync();
        var owner = await tenant.OwnerClientAsync();
        await owner.PostJsonAsync("/api/personal/link-phone", new { phone = "+16505551234" }, 200);
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix(), body =>
            WhatsAppFixtures.FirstMessage(body)["text"]!["body"] = "¿Qué tengo mañana?"))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Graph.WaitForSendsAsync(number, 1);
        var conversation = (await WhatsAppConversationsAsync(owner)).Should().ContainSingle().Subject!;
        conversation["assistant"]!.GetValue<string>().Should().Be("personal");
        (await WhatsAppConversationsAsync(tenant.KeyClient())).Should().BeEmpty("a personal conversation is its user's alone");
    }

    [Fact]
    public async Task A_user_known_only_by_username_is_answered_by_user_id()
    {
        var (tenant, number) = await app.TenantWithNumberAsync();
        (await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_text", number, Suffix(), body =>
        {
            var value = WhatsAppFixtures.Values(body).First();
            value["contacts"] = JsonNode.Parse("""[{"profile":{"name":"Ana","username":"@ana.m"},"user_id":"US.77001122"}]""");
            var message = WhatsAppFixtures.FirstMessage(body);
            message.Remove("from");
            message["from_user_id"] = "US.77001122";
        }))).StatusCode.Should().Be(HttpStatusCode.OK);
        var send = (await Graph.WaitForSendsAsync(number, 1)).Should().ContainSingle().Subject;
        send.Body!["to"]!.GetValue<string>().Should().Be("US.77001122");
        var conversation = (await WhatsAppConversationsAsync(tenant.KeyClient())).Should().ContainSingle().Subject!;
        conversation["contact"]!["phone"].Should().BeNull();
        conversation["contact"]!["name"]!.GetValue<string>().Should().Be("Ana");
    }

    private async Task<Guid> OpenConversationAsync(TestTenant tenant, string phone) =>
        await App.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, async services =>
        {
            var contact = await services.GetRequiredService<CustomerContacts>().FindOrCreateAsync(new Core.Contacts.CustomerInput("Cliente", phone, null), default);
            var opened = await services.GetRequiredService<ConversationStore>().OpenAsync(new ConversationKey(contact.Id, ConversationChannel.Whatsapp), default);
            return opened!.Conversation.Id;
        });

    private async Task SendAsync(TestTenant tenant, Guid conversationId, string text) =>
        await App.Services.GetRequiredService<TenantScope>().RunAsync(tenant.Id, services =>
            services.GetRequiredService<ConversationStore>().RecordAgentReplyAsync(conversationId, text, null, default));
}

[Collection(WhatsAppSqliteCollection.Name)]
public sealed class WhatsAppWebhookTestsOnSqlite(WhatsAppSqliteFactory app) : WhatsAppWebhookTests(app);

[Collection(WhatsAppPostgresCollection.Name)]
public sealed class WhatsAppWebhookTestsOnPostgres(WhatsAppPostgresFactory app) : WhatsAppWebhookTests(app);
