using System.Text;
using System.Text.Json.Nodes;
using Conversa.Core.Channels.Chatwoot;

namespace Conversa.Api.Tests.Channels.Chatwoot;

/// <summary>What the parser makes of every fixture and of the variants real installs send: it never throws, and answers only customers.</summary>
public sealed class ChatwootWebhookParserTests
{
    private static ChatwootEvent Parse(JsonObject payload) => ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(payload.ToJsonString()))!;

    [Fact]
    public void The_agent_bot_delivery_is_a_customer_message_in_a_pending_conversation()
    {
        var parsed = ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(ChatwootFixtures.Text(ChatwootFixtures.AgentBotIncoming)))!;

        parsed.AccountId.Should().Be(7);
        parsed.InboxId.Should().Be(12);
        parsed.Ignored.Should().BeNull();
        parsed.Message.Should().BeEquivalentTo(new ChatwootIncoming("90211", "88", "pending", "Does it come in another color?", 0,
            new ChatwootContact("3051", "Sheena Nelson", "+16505551234", null, null)));
        parsed.Message!.HumanHasIt.Should().BeFalse();
    }

    [Fact]
    public void The_account_webhook_delivery_is_in_an_open_conversation_a_human_has()
    {
        var parsed = ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(ChatwootFixtures.Text(ChatwootFixtures.AccountWebhookIncoming)))!;

        parsed.Message!.ConversationStatus.Should().Be("open");
        parsed.Message.HumanHasIt.Should().BeTrue();
        parsed.Message.MessageId.Should().Be("90211");
    }

    [Fact]
    public void Conversation_created_is_routed_but_not_answered()
    {
        var parsed = Parse(ChatwootFixtures.Load(ChatwootFixtures.ConversationCreated));

        parsed.Name.Should().Be("conversation_created");
        parsed.Message.Should().BeNull();
        parsed.Ignored.Should().NotBeNull();
        parsed.InboxId.Should().Be(12, "a conversation payload carries its inbox_id");
    }

    [Theory]
    [InlineData("outgoing")]
    [InlineData("activity")]
    [InlineData("template")]
    [InlineData(1)]
    [InlineData(2)]
    public void Outgoing_activity_and_template_messages_are_never_answered(object type)
    {
        var payload = ChatwootFixtures.Load(ChatwootFixtures.AgentBotIncoming);
        payload["message_type"] = type is int n ? JsonValue.Create(n) : JsonValue.Create((string)type);

        Parse(payload).Message.Should().BeNull();
    }

    [Fact]
    public void Message_type_zero_is_incoming()
    {
        var payload = ChatwootFixtures.Load(ChatwootFixtures.AgentBotIncoming);
        payload["message_type"] = 0;

        Parse(payload).Message.Should().NotBeNull();
    }

    [Theory]
    [InlineData("true")]
    [InlineData("bool")]
    public void Private_notes_are_never_answered(string how)
    {
        var payload = ChatwootFixtures.Load(ChatwootFixtures.AgentBotIncoming);
        payload["private"] = how == "bool" ? JsonValue.Create(true) : JsonValue.Create("true");

        Parse(payload).Ignored.Should().Be("private note");
    }

    [Theory]
    [InlineData("user")]
    [InlineData("agent_bot")]
    public void A_message_an_agent_or_a_bot_sent_is_never_answered(string senderType)
    {
        var payload = ChatwootFixtures.Load(ChatwootFixtures.AgentBotIncoming);
        payload["sender"]!["type"] = senderType;

        Parse(payload).Message.Should().BeNull();
    }

    [Fact]
    public void Ids_as_strings_and_missing_optional_parts_are_read()
    {
        var payload = new JsonObject
        {
            ["event"] = "message_created",
            ["id"] = "501",
            ["content"] = "  hola  ",
            ["message_type"] = "Incoming",
            ["account"] = new JsonObject { ["id"] = "9" },
            ["conversation"] = new JsonObject { ["id"] = "42" },
            ["sender"] = new JsonObject { ["id"] = 77, ["email"] = "ana@example.com" },
        };

        var parsed = Parse(payload);

        parsed.AccountId.Should().Be(9);
        parsed.InboxId.Should().BeNull();
        parsed.Message.Should().BeEquivalentTo(new ChatwootIncoming("501", "42", null, "hola", 0, new ChatwootContact("77", null, null, "ana@example.com", null)));
    }

    [Fact]
    public void An_attachment_without_text_is_a_message_with_an_attachment()
    {
        var payload = ChatwootFixtures.Load(ChatwootFixtures.AgentBotIncoming);
        payload["content"] = null;
        payload["attachments"] = new JsonArray(new JsonObject { ["file_type"] = "image", ["data_url"] = "https://chatwoot.example.com/x.jpg" });

        var parsed = Parse(payload);

        parsed.Message!.Text.Should().BeEmpty();
        parsed.Message.Attachments.Should().Be(1);
    }

    [Fact]
    public void An_empty_message_is_ignored()
    {
        var payload = ChatwootFixtures.Load(ChatwootFixtures.AgentBotIncoming);
        payload["content"] = "   ";

        Parse(payload).Ignored.Should().Be("empty message");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"message_created\"")]
    [InlineData("{\"event\": ")]
    public void A_body_that_is_not_a_json_object_is_null(string body) =>
        ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(body)).Should().BeNull();

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"event\": 5}")]
    [InlineData("{\"event\": \"message_created\"}")]
    [InlineData("{\"event\": \"message_created\", \"message_type\": \"incoming\"}")]
    [InlineData("{\"event\": \"message_created\", \"message_type\": \"incoming\", \"id\": {}, \"conversation\": []}")]
    [InlineData("{\"event\": \"message_created\", \"message_type\": null, \"account\": 7, \"inbox\": \"x\", \"sender\": 3}")]
    [InlineData("{\"event\": \"message_created\", \"message_type\": \"incoming\", \"id\": 1, \"conversation\": {\"id\": 2}, \"content\": {\"a\": 1}, \"attachments\": {}}")]
    [InlineData("{\"event\": \"message_created\", \"message_type\": 0, \"id\": 1.5e400, \"account\": {\"id\": 99999999999999999999999}}")]
    public void Malformed_payloads_are_ignored_without_throwing(string body)
    {
        var parsed = ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(body));

        parsed.Should().NotBeNull();
        parsed!.Message.Should().BeNull();
        parsed.Ignored.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void The_display_id_is_the_conversation_the_api_expects_when_both_are_sent()
    {
        var payload = ChatwootFixtures.Load(ChatwootFixtures.AgentBotIncoming);
        payload["conversation"]!["display_id"] = 88;
        payload["conversation"]!["id"] = 123456;

        Parse(payload).Message!.ConversationId.Should().Be("88");
    }
    [Theory]
    [InlineData("null")]
    [InlineData("  ")]
    [InlineData("{\"event\": \"message_created\"} trailing")]
    [InlineData("{\"event\": \"message_created\",}")]
    public void Other_bodies_that_are_not_one_json_object_are_null(string body) =>
        ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(body)).Should().BeNull();

    [Fact]
    public void A_body_nested_deeper_than_json_allows_is_null()
    {
        var body = "{\"event\": " + new string('[', 100) + new string(']', 100) + "}";

        ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(body)).Should().BeNull();
    }

    [Fact]
    public void A_repeated_property_is_read_as_its_last_value_without_throwing()
    {
        var body = """
            {"event": "conversation_created", "event": "message_created", "message_type": "incoming", "id": 1, "id": 2,
             "account": {"id": 3, "id": 4}, "conversation": {"id": 5}, "content": "hola"}
            """;

        var parsed = ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(body))!;

        parsed.AccountId.Should().Be(4);
        parsed.Message!.MessageId.Should().Be("2");
    }

    [Fact]
    public void Odd_value_kinds_are_read_as_their_json_text_or_left_out()
    {
        var body = """
            {"event": "message_created", "message_type": "0", "private": 0, "id": true, "content": 12.50,
             "account_id": 1.5, "conversation": {"account_id": "8", "inbox_id": [3], "id": "  61 "}, "inbox_id": " 4 ",
             "attachments": [], "sender": {"type": "Contact", "id": null, "name": "", "phone_number": 5, "email": {"x": 1}},
             "conversation_id": 9}
            """;

        var parsed = ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(body))!;

        parsed.AccountId.Should().Be(8, "1.5 is not an account number, the conversation's is");
        parsed.InboxId.Should().Be(4);
        parsed.Message.Should().BeEquivalentTo(new ChatwootIncoming("true", "61", null, "12.50", 0, new ChatwootContact(null, null, "5", null, null)));
    }

    [Fact]
    public void The_account_may_come_only_with_the_sender_and_escaped_text_is_unescaped()
    {
        var body = """
            {"event": "message_created", "message_type": "incoming", "private": "1", "id": 1, "conversation": {"id": 2},
             "sender": {"account": {"id": 77}}, "content": "x"}
            """;
        var text = """
            {"event": "message_created", "message_type": "incoming", "id": 1, "conversation": {"id": 2, "contact_inbox": {"contact_id": 31}},
             "sender": {"account": {"id": 77}}, "content": "\u00bfHola? \ud83d\ude00"}
            """;

        var note = ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(body))!;
        var parsed = ChatwootWebhookParser.Parse(Encoding.UTF8.GetBytes(text))!;

        note.AccountId.Should().Be(77);
        note.Ignored.Should().Be("private note");
        parsed.AccountId.Should().Be(77);
        parsed.Message!.Text.Should().Be("¿Hola? 😀");
        parsed.Message.Sender.Id.Should().Be("31", "without a sender id the contact inbox names the contact");
    }
}
