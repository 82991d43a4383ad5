using System.Net.Http.Headers;
using Conversa.Api.Tests.Conversations;
using Conversa.Api.Tests.Models;
using Conversa.Api.Tests.Support;
using Conversa.Api.Tests.Usage;

namespace Conversa.Api.Tests.Multimedia;

/// <summary>
/// Voice notes and images against the fake OpenAI-compatible server: transcription through <c>/audio/transcriptions</c>
/// with the tenant's transcription model and key, vision through the chat model with an image part, both answered by
/// the engine in the contact's conversation; 422 without a model, 502 when it fails, 400/413/415 for bad uploads.
/// </summary>
public abstract class MultimediaEndpointTests(ConversaFactory app) : ChatModelTestBase(app)
{
    private static readonly byte[] Ogg = [0x4F, 0x67, 0x67, 0x53, 0x00, 0x02, 0x01, 0x02, 0x03, 0x04];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];

    private object SpeechSettings(string? transcriptionModel = "whisper-test") => new
    {
        provider = "openai", model = "gpt-test", transcription_model = transcriptionModel, base_url = OpenAi.BaseUrl, api_key = "sk-tenant-openai",
    };

    [Fact]
    public async Task A_voice_note_is_transcribed_with_the_tenant_s_model_and_answered_in_the_contact_s_conversation()
    {
        var tenant = await TenantAsync(SpeechSettings());
        var client = tenant.KeyClient();

        var voice = await Http.ReadAsync(await client.PostAsync("/api/multimedia/voice", Form(("audio", Ogg, "audio/ogg", "nota.ogg"), ("contact_id", "ana"))), 200);

        voice.Str("transcript").Should().Be("hola, buenas tardes");
        voice.Str("reply").Should().NotBeNullOrWhiteSpace();
        voice.Str("agent").Should().Be("router");
        var request = Transcriptions().Should().ContainSingle().Subject;
        request.Model.Should().Be("whisper-test");
        request.Key.Should().Be("sk-tenant-openai");
        request.Body["bytes"]!.GetValue<long>().Should().Be(Ogg.Length);
        request.Body.Str("file_name").Should().Be("voice.ogg");

        var chat = await client.PostJsonAsync("/api/chat", new { message = "muchas gracias", contact_id = "ana" }, 200);
        chat.Str("conversation_id").Should().Be(voice.Str("conversation_id"), "a voice note and a typed message of one contact are one conversation");
        var conversation = await client.GetJsonAsync($"/api/conversations/{voice.Str("conversation_id")}");
        conversation["messages"]!.AsArray()[0]!.Str("content").Should().Be("hola, buenas tardes");
    }

    [Fact]
    public async Task Over_the_month_s_messages_a_voice_note_or_an_image_answers_429_like_api_chat()
    {
        var tenant = await TenantAsync(SpeechSettings());
        await (await App.AdminClientAsync()).PatchJsonAsync($"/api/admin/tenants/{tenant.Slug}", new { limits = new { messages = 1 } }, 200);
        var client = tenant.KeyClient();
        await Http.ReadAsync(await client.PostAsync("/api/multimedia/voice", Form(("audio", Ogg, "audio/ogg", "nota.ogg"), ("contact_id", "ana"))), 200);

        var modelCalls = RequestsTo("openai").Count;

        var voice = await Http.ProblemAsync(await client.PostAsync("/api/multimedia/voice", Form(("audio", Ogg, "audio/ogg", "nota.ogg"), ("contact_id", "ana"))), 429);
        var image = await Http.ProblemAsync(await client.PostAsync("/api/multimedia/image", Form(("image", Png, "image/png", "a.png"), ("contact_id", "ana"))), 429);

        voice.Str("type").Should().EndWith("/quota-exceeded");
        image.Str("type").Should().EndWith("/quota-exceeded");
        image.Str("detail").Should().Contain("messages limit");
        Transcriptions().Should().ContainSingle("a voice note over the month's messages is refused before it is transcribed");
        RequestsTo("openai").Should().HaveCount(modelCalls, "nor is an image described");
        var conversations = (await client.GetJsonAsync("/api/conversations"))["items"]!.AsArray();
        var stored = (await client.GetJsonAsync($"/api/conversations/{conversations[0]!.Str("id")}"))["messages"]!.AsArray().Select(m => m!.Str("content"));
        stored.Should().Contain(["[voice]", "[image]"], "the refused media is stored as what it was, like any refused message");
    }

    [Fact]
    public async Task A_transcription_is_metered_against_the_tenant_like_a_chat_model_call()
    {
        var tenant = await TenantAsync(SpeechSettings());
        var other = await TenantAsync(SpeechSettings());

        await Http.ReadAsync(await tenant.KeyClient().PostAsync("/api/multimedia/voice", Form(("audio", Ogg, "audio/ogg", "nota.ogg"), ("contact_id", "ana"))), 200);

        Transcriptions().Should().ContainSingle();
        var chatCalls = RequestsTo("openai").Count(r => r.Path == "/v1/chat/completions");
        (await App.Services.UsageAsync(tenant.Id)).Should().BeEquivalentTo(new
        {
            AiRequests = 1 + chatCalls,
            AiInputTokens = OpenAi.TranscriptionInputTokens + (chatCalls * OpenAi.InputTokens),
            AiOutputTokens = OpenAi.TranscriptionOutputTokens + (chatCalls * OpenAi.OutputTokens),
        });
        (await App.Services.UsageAsync(other.Id)).AiRequests.Should().Be(0);
    }

    [Fact]
    public async Task An_audio_part_sent_as_octet_stream_is_recognised_by_its_extension()
    {
        var tenant = await TenantAsync(SpeechSettings());
        await Http.ReadAsync(await tenant.KeyClient().PostAsync("/api/multimedia/voice",
            Form(("audio", Ogg, "application/octet-stream", "nota.m4a"))), 200);
        Transcriptions().Should().ContainSingle().Which.Body.Str("file_name").Should().Be("voice.m4a");
    }

    [Fact]
    public async Task Without_a_speech_model_a_voice_note_is_422_saying_so()
    {
        var builtin = await TenantAsync();
        var problem = await Http.ProblemAsync(await builtin.KeyClient().PostAsync("/api/multimedia/voice", Form(("audio", Ogg, "audio/ogg", "a.ogg"))), 422);
        problem.Str("detail").Should().Contain("No speech model is configured");

        var chatOnly = await TenantAsync(SpeechSettings(transcriptionModel: null));
        var missing = await Http.ProblemAsync(await chatOnly.KeyClient().PostAsync("/api/multimedia/voice", Form(("audio", Ogg, "audio/ogg", "a.ogg"))), 422);
        missing.Str("detail").Should().Contain("transcription_model");

        var anthropic = await TenantAsync(AnthropicSettings());
        var noApi = await Http.ProblemAsync(await anthropic.KeyClient().PostAsync("/api/multimedia/voice", Form(("audio", Ogg, "audio/ogg", "a.ogg"))), 422);
        noApi.Str("detail").Should().Contain("anthropic");
        RequestsTo("openai").Should().BeEmpty();
    }

    [Fact]
    public async Task A_transcription_model_that_is_not_a_string_is_refused_by_the_settings()
    {
        var tenant = await TenantAsync();
        var owner = await tenant.OwnerClientAsync();
        var problem = await Http.ProblemAsync(await owner.PatchAsync("/api/tenant", Http.Json(new { settings = new { ai = new { transcription_model = 42 } } })), 400);
        problem["errors"]!["settings.ai.transcription_model"].Should().NotBeNull();
    }

    [Fact]
    public async Task A_failing_speech_model_is_502_and_nothing_is_stored()
    {
        var tenant = await TenantAsync(SpeechSettings());
        FailWith("openai", 500);
        var problem = await Http.ProblemAsync(await tenant.KeyClient().PostAsync("/api/multimedia/voice", Form(("audio", Ogg, "audio/ogg", "a.ogg"), ("contact_id", "ana"))), 502);
        problem.Str("detail").Should().Contain("HTTP 500");
        (await tenant.KeyClient().GetJsonAsync("/api/conversations"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task An_image_is_described_by_the_tenant_s_chat_model_and_answered_with_the_customer_s_words()
    {
        var tenant = await TenantAsync(OpenAiSettings());
        var client = tenant.KeyClient();

        var image = await Http.ReadAsync(await client.PostAsync("/api/multimedia/image",
            Form(("image", Png, "image/png", "foto.png"), ("message", "¿Tienen este producto?"), ("contact_id", "bea"))), 200);

        // The description comes first; the engine may then ask the same model for its reply.
        var request = RequestsTo("openai")[0];
        request.Path.Should().Be("/v1/chat/completions");
        request.Model.Should().Be("gpt-test");
        var parts = request.Body["messages"]![0]!["content"]!.AsArray();
        parts.Select(p => p!.Str("type")).Should().Equal("text", "image_url");
        parts[1]!["image_url"]!.Str("url").Should().Be("data:image/png;base64," + Convert.ToBase64String(Png));
        parts[0]!.Str("text").Should().Contain("¿Tienen este producto?").And.Contain("Write in Spanish");
        image.Str("description").Should().StartWith("Echo: ").And.Contain("¿Tienen este producto?");
        image.Str("reply").Should().NotBeNullOrWhiteSpace();

        var conversation = await client.GetJsonAsync($"/api/conversations/{image.Str("conversation_id")}");
        conversation["messages"]!.AsArray()[0]!.Str("content").Should().Be("¿Tienen este producto?\n\n" + image.Str("description"));
    }

    [Fact]
    public async Task Without_a_vision_model_an_image_is_422_saying_so()
    {
        var tenant = await TenantAsync();
        var problem = await Http.ProblemAsync(await tenant.KeyClient().PostAsync("/api/multimedia/image", Form(("image", Png, "image/png", "a.png"))), 422);
        problem.Str("detail").Should().Contain("No vision model");
    }

    [Fact]
    public async Task Uploads_that_are_not_multipart_or_of_another_type_are_415()
    {
        var tenant = await TenantAsync(SpeechSettings());
        var client = tenant.KeyClient();
        await Http.ProblemAsync(await client.PostAsync("/api/multimedia/voice", Http.Json(new { audio = "base64..." })), 415);
        var wrongPart = await Http.ProblemAsync(await client.PostAsync("/api/multimedia/voice", Form(("audio", Png, "image/png", "a.png"))), 415);
        wrongPart.Str("detail").Should().Contain("image/png");
        await Http.ProblemAsync(await client.PostAsync("/api/multimedia/image", Form(("image", Ogg, "audio/ogg", "a.ogg"))), 415);
        await Http.ProblemAsync(await client.PostAsync("/api/multimedia/image", Form(("image", Png, "application/octet-stream", "a.bmp"))), 415);
        RequestsTo("openai").Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_or_empty_part_is_400()
    {
        var tenant = await TenantAsync(SpeechSettings());
        var client = tenant.KeyClient();
        var missing = await Http.ProblemAsync(await client.PostAsync("/api/multimedia/voice", Form(("contact_id", "ana"))), 400);
        missing["errors"]!["audio"].Should().NotBeNull();
        var empty = await Http.ProblemAsync(await client.PostAsync("/api/multimedia/image", Form(("image", Array.Empty<byte>(), "image/png", "a.png"))), 400);
        empty["errors"]!["image"].Should().NotBeNull();
        RequestsTo("openai").Should().BeEmpty();
    }

    [Fact]
    public async Task An_upload_over_20_MiB_is_413()
    {
        var tenant = await TenantAsync(SpeechSettings());
        var big = new byte[(20 * 1024 * 1024) + 1];
        await Http.ProblemAsync(await tenant.KeyClient().PostAsync("/api/multimedia/voice", Form(("audio", big, "audio/ogg", "a.ogg"))), 413);
        RequestsTo("openai").Should().BeEmpty();
    }

    [Fact]
    public async Task Another_tenant_s_contact_is_not_found_and_its_conversation_is_untouched()
    {
        var a = await TenantAsync(SpeechSettings());
        var b = await TenantAsync(SpeechSettings());
        var inA = await Http.ReadAsync(await a.KeyClient().PostAsync("/api/multimedia/voice", Form(("audio", Ogg, "audio/ogg", "a.ogg"), ("contact_id", "ana"))), 200);

        await Http.ProblemAsync(await b.KeyClient().PostAsync("/api/multimedia/voice",
            Form(("audio", Ogg, "audio/ogg", "a.ogg"), ("contact_id", inA.Str("contact_id")))), 404);
        await Http.ProblemAsync(await b.KeyClient().PostAsync("/api/multimedia/image",
            Form(("image", Png, "image/png", "a.png"), ("contact_id", inA.Str("contact_id")))), 404);

        var conversation = await a.KeyClient().GetJsonAsync($"/api/conversations/{inA.Str("conversation_id")}");
        conversation["messages"]!.AsArray().Should().HaveCount(2);
    }

    private List<FakeModelRequest> Transcriptions() => RequestsTo("openai").Where(r => r.Path == "/v1/audio/transcriptions").ToList();

    /// <summary>A multipart body: (name, bytes, type, file name) for files, (name, value) for fields.</summary>
    private static MultipartFormDataContent Form(params object[] parts)
    {
        var form = new MultipartFormDataContent();
        foreach (var part in parts)
        {
            switch (part)
            {
                case (string name, byte[] bytes, string type, string fileName):
                    var file = new ByteArrayContent(bytes);
                    file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
                    form.Add(file, name, fileName);
                    break;
                case (string name, string value):
                    form.Add(new StringContent(value), name);
                    break;
            }
        }
        return form;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MultimediaEndpointTestsOnSqlite(SqliteFactory app) : MultimediaEndpointTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MultimediaEndpointTestsOnPostgres(PostgresFactory app) : MultimediaEndpointTests(app);
