using System.Text;
using System.Text.Json.Nodes;
using Conversa.Core.Channels;

namespace Conversa.Api.Tests.Channels.WhatsApp;

/// <summary>Every fixture, and what real Meta also sends (batches, usernames, new types, junk), read without throwing.</summary>
public sealed class WhatsAppWebhookParsingTests
{
    private static WhatsAppUpdate Single(string fixture)
    {
        var updates = WhatsAppWebhook.Split(Encoding.UTF8.GetBytes(WhatsAppFixtures.Text(fixture)));
        updates.Should().NotBeNull().And.HaveCount(1);
        return updates![0];
    }

    [Fact]
    public void A_text_message_is_one_update_keyed_by_its_wamid()
    {
        var update = Single("whatsapp_inbound_text");
        update.Kind.Should().Be(WhatsAppUpdate.MessageKind);
        update.PhoneNumberId.Should().Be("106540352242922");
        update.Key.Should().Be("msg:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        var message = WhatsAppWebhook.ReadMessage(update.Payload)!;
        message.Kind.Should().Be(WhatsAppMessageKind.Text);
        message.Text.Should().Be("Does it come in another color?");
        message.From.Should().Be("16505551234");
        message.Phone.Should().Be("+16505551234");
        message.Name.Should().Be("Sheena Nelson");
        message.SentAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1749416383));
    }

    [Fact]
    public void A_voice_note_carries_its_media_id_and_the_senders_user_id()
    {
        var message = WhatsAppWebhook.ReadMessage(Single("whatsapp_inbound_audio_voice").Payload)!;
        message.Kind.Should().Be(WhatsAppMessageKind.Audio);
        message.Media.Should().Be(new WhatsAppMedia("1234567890987654321", "audio/ogg; codecs=opus", null, null, Voice: true));
        message.UserId.Should().Be("US.13491208655302741918");
        message.Phone.Should().Be("+972987654321");
    }

    [Fact]
    public void An_image_keeps_its_caption_and_url()
    {
        var message = WhatsAppWebhook.ReadMessage(Single("whatsapp_inbound_image").Payload)!;
        message.Kind.Should().Be(WhatsAppMessageKind.Image);
        message.Text.Should().Be("Taj Mahal");
        message.Media!.Id.Should().Be("1003383421387256");
        message.Media.MimeType.Should().Be("image/jpeg");
        message.Media.Url.Should().StartWith("https://lookaside.fbsbx.com/");
    }

    [Fact]
    public void A_tapped_reply_button_reads_as_its_title()
    {
        var message = WhatsAppWebhook.ReadMessage(Single("whatsapp_inbound_interactive_button_reply").Payload)!;
        message.Kind.Should().Be(WhatsAppMessageKind.Choice);
        message.Text.Should().Be("Cancel");
    }

    [Fact]
    public void List_replies_and_template_quick_replies_read_as_their_titles()
    {
        Read("""{"from":"573001112233","id":"wamid.L","type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"row-2","title":"Botox","description":"30 min"}}}""")
            .Should().Match<WhatsAppInbound>(m => m.Kind == WhatsAppMessageKind.Choice && m.Text == "Botox");
        Read("""{"from":"573001112233","id":"wamid.B","type":"button","button":{"payload":"CONFIRM_APPT","text":"Confirmar"}}""")
            .Should().Match<WhatsAppInbound>(m => m.Kind == WhatsAppMessageKind.Choice && m.Text == "Confirmar");
        Read("""{"from":"573001112233","id":"wamid.B2","type":"button","button":{"payload":"CONFIRM_APPT"}}""")!.Text.Should().Be("CONFIRM_APPT");
    }

    [Fact]
    public void Statuses_are_keyed_by_id_and_state_and_a_failure_keeps_its_reason()
    {
        var delivered = Single("whatsapp_status_delivered");
        delivered.Kind.Should().Be(WhatsAppUpdate.StatusKind);
        delivered.Key.Should().Be("status:ABGGFlA5Fpa:delivered");
        WhatsAppWebhook.ReadStatus(delivered.Payload).Should().Be(
            new WhatsAppStatusReport("ABGGFlA5Fpa", "delivered", "16315551181", DateTimeOffset.FromUnixTimeSeconds(1504902988), null));

        var failed = WhatsAppWebhook.ReadStatus(Single("whatsapp_status_failed").Payload)!;
        failed.Status.Should().Be("failed");
        failed.Error.Should().StartWith("131049: This message was not delivered to maintain healthy ecosystem engagement.");
    }

    [Fact]
    public void Batched_entries_and_changes_give_every_message_and_status()
    {
        var body = WhatsAppFixtures.Json("whatsapp_inbound_text");
        var entry = body["entry"]![0]!;
        ((JsonArray)entry["changes"]!).Add(WhatsAppFixtures.Json("whatsapp_status_failed")["entry"]![0]!["changes"]![0]!.DeepClone());
        var second = WhatsAppFixtures.Json("whatsapp_inbound_image")["entry"]![0]!.DeepClone();
        ((JsonArray)body["entry"]!).Add(second);
        var updates = WhatsAppWebhook.Split(Encoding.UTF8.GetBytes(body.ToJsonString()))!;
        updates.Select(u => u.Kind).Should().Equal("message", "status", "message");
    }

    [Fact]
    public void A_user_known_only_by_username_has_no_phone_and_is_answered_by_user_id()
    {
        var payload = new JsonObject
        {
            ["phone_number_id"] = "1",
            ["contact"] = JsonNode.Parse("""{"profile":{"name":"Ana","username":"@ana"},"user_id":"US.999"}"""),
            ["message"] = JsonNode.Parse("""{"from_user_id":"US.999","id":"wamid.U","type":"text","text":{"body":"hola"}}"""),
        };
        var message = WhatsAppWebhook.ReadMessage(payload.ToJsonString())!;
        message.From.Should().Be("US.999");
        message.Phone.Should().BeNull();
        message.Username.Should().Be("@ana");
        Read("""{"from":"US.123","id":"wamid.X","type":"text","text":{"body":"hi"}}""")!.Phone.Should().BeNull();
    }

    [Theory]
    [InlineData("video")]
    [InlineData("document")]
    [InlineData("sticker")]
    [InlineData("location")]
    [InlineData("something_new")]
    public void Types_the_assistant_cannot_read_are_unsupported_not_errors(string type) =>
        Read($$$"""{"from":"573001112233","id":"wamid.V","type":"{{{type}}}","{{{type}}}":{"id":"77"}}""")!.Kind.Should().Be(WhatsAppMessageKind.Unsupported);

    [Fact]
    public void Reactions_and_system_notices_are_not_answered()
    {
        Read("""{"from":"573001112233","id":"wamid.R","type":"reaction","reaction":{"message_id":"wamid.X","emoji":"👍"}}""")!.Kind.Should().Be(WhatsAppMessageKind.Ignored);
        Read("""{"from":"573001112233","id":"wamid.S","type":"system","system":{"body":"changed number"}}""")!.Kind.Should().Be(WhatsAppMessageKind.Ignored);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("""{"object":"whatsapp_business_account","entry":"nope"}""")]
    [InlineData("""{"entry":[{"changes":[{"field":"messages","value":[]}]}]}""")]
    [InlineData("""{"entry":[null,{"changes":[null,{"value":{"messages":[{"type":"text"}],"statuses":[{"id":"x"}]}}]}]}""")]
    [InlineData("""{"entry":[{"changes":[{"value":{"messages":[{"id":"a","id":"b","from":"1"}]}}]}]}""")]
    [InlineData("""{"entry":[1,"x",[2],{"changes":{"value":1}},{"changes":[7,{"value":{"messages":[1,{"id":"m","from":"573001112233","type":"interactive","interactive":"x"}]}}]}]}""")]
    [InlineData("""{"entry":[{"changes":[{"field":"account_update","value":{"messages":[{"id":"wamid.Q","from":"1"}]}}]}]}""")]
    [InlineData("""{"entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":42},"messages":[{"id":7,"from":1,"type":true}]}}]}]}""")]
    public void Shapes_it_does_not_know_give_what_they_can_and_never_throw(string body)
    {
        var updates = WhatsAppWebhook.Split(Encoding.UTF8.GetBytes(body));
        updates.Should().NotBeNull();
        foreach (var update in updates!)
        {
            var read = () => update.Kind == WhatsAppUpdate.MessageKind ? (object?)WhatsAppWebhook.ReadMessage(update.Payload) : WhatsAppWebhook.ReadStatus(update.Payload);
            read.Should().NotThrow();
        }
    }

    [Fact]
    public void Numbers_where_strings_belong_are_read_as_text()
    {
        var updates = WhatsAppWebhook.Split(Encoding.UTF8.GetBytes(
            """{"entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":42},"messages":[{"id":7,"from":573001112233,"type":"text","text":{"body":"hola"}}]}}]}]}"""))!;
        updates.Should().ContainSingle().Which.Should().Match<WhatsAppUpdate>(u => u.PhoneNumberId == "42" && u.Key == "msg:7");
        WhatsAppWebhook.ReadMessage(updates[0].Payload)!.Phone.Should().Be("+573001112233");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"entry\":[")]
    [InlineData("")]
    public void A_body_that_is_not_json_is_null(string body) =>
        WhatsAppWebhook.Split(Encoding.UTF8.GetBytes(body)).Should().BeNull();

    [Fact]
    public void The_signature_vectors_verify_on_the_raw_bytes_only()
    {
        var vectors = WhatsAppFixtures.Json("whatsapp_signature_test_vectors")["vectors"]!.AsArray();
        var unicode = vectors[0]!;
        var secret = unicode["app_secret"]!.GetValue<string>();
        var raw = Encoding.UTF8.GetBytes(unicode["body_raw_bytes_as_sent_by_meta"]!.GetValue<string>());
        var logical = Encoding.UTF8.GetBytes(unicode["body_as_logical_text"]!.GetValue<string>());
        var header = unicode["x_hub_signature_256"]!.GetValue<string>();
        WhatsAppSignature.IsValid(secret, raw, header).Should().BeTrue();
        WhatsAppSignature.Sign(secret, raw).Should().Be(header);
        WhatsAppSignature.IsValid(secret, logical, header).Should().BeFalse("re-encoded text is not what Meta signed");
        WhatsAppSignature.IsValid(secret, logical, unicode["signature_if_you_wrongly_hash_unescaped_utf8"]!.GetValue<string>()).Should().BeTrue();

        var text = vectors[1]!;
        WhatsAppSignature.IsValid(text["app_secret"]!.GetValue<string>(), Encoding.UTF8.GetBytes(text["body_raw"]!.GetValue<string>()),
            text["x_hub_signature_256"]!.GetValue<string>()).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=0363007aabdf1ab579f35936651a460fb5fa1aaf40df98b1264446b72cc96688")]
    [InlineData("sha256=zz63007aabdf1ab579f35936651a460fb5fa1aaf40df98b1264446b72cc96688")]
    [InlineData("sha256=0363007aabdf1ab579f35936651a460fb5fa1aaf40df98b1264446b72cc9668")]
    [InlineData("sha256=1363007aabdf1ab579f35936651a460fb5fa1aaf40df98b1264446b72cc96688")]
    public void Bad_or_missing_signatures_are_refused(string? header)
    {
        var raw = Encoding.UTF8.GetBytes(WhatsAppFixtures.Json("whatsapp_signature_test_vectors")["vectors"]![0]!["body_raw_bytes_as_sent_by_meta"]!.GetValue<string>());
        WhatsAppSignature.IsValid("YOUR_APP_SECRET", raw, header).Should().BeFalse();
    }

    [Fact]
    public void A_long_reply_is_split_at_paragraphs_then_sentences_within_the_limit()
    {
        var paragraph = string.Join(" ", Enumerable.Repeat("Una frase de prueba bastante corta.", 40));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 5));
        var parts = MessageSplitter.Split(text);
        parts.Should().OnlyContain(p => p.Length <= MessageSplitter.WhatsAppTextLimit);
        parts.Should().OnlyContain(p => p.EndsWith('.'));
        string.Join(" ", parts).Replace("\n\n", " ", StringComparison.Ordinal).Should().Be(text.Replace("\n\n", " ", StringComparison.Ordinal));

        var oneSentence = string.Join(" ", Enumerable.Repeat("palabra", 1500));
        var words = MessageSplitter.Split(oneSentence);
        words.Should().HaveCountGreaterThan(1).And.OnlyContain(p => p.Length <= 4096 && !p.StartsWith(' ') && p.EndsWith("palabra", StringComparison.Ordinal));

        MessageSplitter.Split("short").Should().Equal("short");
        MessageSplitter.Split(new string('x', 5000)).Select(p => p.Length).Should().Equal(4096, 904);
    }

    private static WhatsAppInbound? Read(string message) =>
        WhatsAppWebhook.ReadMessage(new JsonObject { ["phone_number_id"] = "1", ["message"] = JsonNode.Parse(message) }.ToJsonString());
}
