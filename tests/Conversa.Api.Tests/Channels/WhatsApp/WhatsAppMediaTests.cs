using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Models;
using Conversa.Api.Tests.Support;
using Conversa.Core.Channels;
using Conversa.Infrastructure.Channels;

namespace Conversa.Api.Tests.Channels.WhatsApp;

/// <summary>
/// Voice notes and images from WhatsApp read by the tenant's own models: the media fetched from the fake Graph API with
/// the tenant's bearer token, transcribed or described by a fake OpenAI-compatible server, and answered like text;
/// over a monthly limit nothing is fetched nor read.
/// </summary>
public abstract class WhatsAppMediaTests(IWhatsAppApp app) : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];
    private OpenAiChatServer _openAi = null!;

    public async Task InitializeAsync() => _openAi = await OpenAiChatServer.StartAsync();

    public async Task DisposeAsync()
    {
        app.Graph.MediaType = "audio/ogg";
        app.Graph.MediaBytes = [0x4f, 0x67, 0x67, 0x53, 1, 2, 3, 4];
        await _openAi.DisposeAsync();
    }

    private async Task<(TestTenant Tenant, string Number)> TenantWithModelsAsync()
    {
        var (tenant, number) = await app.TenantWithNumberAsync();
        await (await tenant.OwnerClientAsync()).PatchJsonAsync("/api/tenant", new
        {
            settings = new
            {
                ai = new { provider = "openai", model = "gpt-test", transcription_model = "whisper-test", base_url = _openAi.BaseUrl, api_key = "sk-tenant-openai" },
            },
        }, 200);
        return (tenant, number);
    }

    private async Task PostAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add(WhatsAppSignature.HeaderName, WhatsAppSignature.Sign(IWhatsAppApp.PlatformAppSecret, body));
        (await app.App.CreateClient().PostAsync("/webhooks/whatsapp", content)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<JsonArray> MessagesAsync(TestTenant tenant)
    {
        var conversation = (await tenant.KeyClient().GetJsonAsync("/api/conversations?channel=whatsapp"))["items"]!.AsArray().Should().ContainSingle().Subject!;
        return (await tenant.KeyClient().GetJsonAsync($"/api/conversations/{conversation["id"]}"))["messages"]!.AsArray();
    }

    [Fact]
    public async Task A_voice_note_is_downloaded_with_the_tenants_token_transcribed_and_answered_as_what_was_said()
    {
        var (tenant, number) = await TenantWithModelsAsync();

        await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_audio_voice", number, "." + Guid.NewGuid().ToString("N")[..10]));

        var reply = (await app.Graph.WaitForSendsAsync(number, 1)).Should().ContainSingle().Subject.Body!["text"]!["body"]!.GetValue<string>();
        new[] { WhatsAppReplies.VoiceNote.Es, WhatsAppReplies.VoiceNote.Pt, WhatsAppReplies.VoiceNote.En }.Should().NotContain(reply);
        var transcription = _openAi.Requests.Where(r => r.Path == "/v1/audio/transcriptions").Should().ContainSingle().Subject;
        transcription.Model.Should().Be("whisper-test");
        transcription.Body["bytes"]!.GetValue<long>().Should().Be(app.Graph.MediaBytes.Length, "the bytes Meta served, unchanged");
        transcription.Body["file_name"]!.GetValue<string>().Should().Be("voice.ogg");
        app.Graph.Requests.Where(r => r.Method == "GET").Should().NotBeEmpty().And.OnlyContain(r => r.Authorization == "Bearer " + app.Graph.AccessToken);

        var said = (await MessagesAsync(tenant))[0]!;
        said["content"]!.GetValue<string>().Should().Be(_openAi.Transcript);
        said["metadata"]!["media"]!.GetValue<string>().Should().Be("voice");
    }

    [Fact]
    public async Task An_image_is_described_by_the_tenants_chat_model_and_the_description_is_answered()
    {
        app.Graph.MediaType = "image/png";
        app.Graph.MediaBytes = Png;
        var (tenant, number) = await TenantWithModelsAsync();

        await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_image", number, "." + Guid.NewGuid().ToString("N")[..10]));

        var reply = (await app.Graph.WaitForSendsAsync(number, 1)).Should().ContainSingle().Subject.Body!["text"]!["body"]!.GetValue<string>();
        new[] { WhatsAppReplies.Image.Es, WhatsAppReplies.Image.Pt, WhatsAppReplies.Image.En }.Should().NotContain(reply);
        app.Graph.Requests.Should().Contain(r => r.Method == "GET" && r.Path.StartsWith("/media/"),
            "the URL in the webhook (Meta's CDN, unreachable here) failed, so a fresh one was asked for");
        _openAi.Requests.Should().Contain(r => r.Path == "/v1/chat/completions" && r.Body.ToJsonString().Contains(
            "data:image/png;base64," + Convert.ToBase64String(Png)), "the image itself goes to the model");

        var said = (await MessagesAsync(tenant))[0]!;
        said["metadata"]!["media"]!.GetValue<string>().Should().Be("image");
        said["content"]!.GetValue<string>().Should().Contain(said["metadata"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Over_the_month_s_messages_a_voice_note_is_neither_fetched_nor_transcribed_and_gets_the_quota_reply()
    {
        var (tenant, number) = await TenantWithModelsAsync();
        await (await app.App.AdminClientAsync()).PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { limits = new { messages = 0 } }, 200);
        var downloads = MediaDownloads();

        await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_audio_voice", number, "." + Guid.NewGuid().ToString("N")[..10]));

        var reply = (await app.Graph.WaitForSendsAsync(number, 1)).Should().ContainSingle().Subject.Body!["text"]!["body"]!.GetValue<string>();
        reply.Should().ContainAny("automáticamente", "automaticamente", "automatically");
        _openAi.Requests.Should().BeEmpty("a voice note whose answer is refused is not transcribed");
        MediaDownloads().Should().Be(downloads, "nor fetched from Meta");
        var messages = await MessagesAsync(tenant);
        messages[0]!["content"]!.GetValue<string>().Should().Be("[audio]");
        messages[^1]!["metadata"]!["actions"]!.AsArray().Select(a => a!["type"]!.GetValue<string>()).Should().Contain("quota_exceeded");
    }

    [Fact]
    public async Task Over_the_month_s_ai_tokens_a_voice_note_gets_the_polite_reply_without_a_model_or_a_download()
    {
        var (tenant, number) = await TenantWithModelsAsync();
        await (await app.App.AdminClientAsync()).PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { limits = new { ai_tokens = 0 } }, 200);
        var downloads = MediaDownloads();

        await PostAsync(WhatsAppFixtures.For("whatsapp_inbound_audio_voice", number, "." + Guid.NewGuid().ToString("N")[..10]));

        var reply = (await app.Graph.WaitForSendsAsync(number, 1)).Should().ContainSingle().Subject.Body!["text"]!["body"]!.GetValue<string>();
        new[] { WhatsAppReplies.VoiceNote.Es, WhatsAppReplies.VoiceNote.Pt, WhatsAppReplies.VoiceNote.En }.Should().Contain(reply);
        _openAi.Requests.Should().BeEmpty("no model is called over the month's AI tokens");
        MediaDownloads().Should().Be(downloads);
    }

    private int MediaDownloads() => app.Graph.Requests.Count(r => r.Method == "GET");
}

[Collection(WhatsAppSqliteCollection.Name)]
public sealed class WhatsAppMediaTestsOnSqlite(WhatsAppSqliteFactory app) : WhatsAppMediaTests(app);

[Collection(WhatsAppPostgresCollection.Name)]
public sealed class WhatsAppMediaTestsOnPostgres(WhatsAppPostgresFactory app) : WhatsAppMediaTests(app);
