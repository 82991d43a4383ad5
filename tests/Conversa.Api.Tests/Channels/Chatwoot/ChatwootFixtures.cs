using System.Text.Json.Nodes;

namespace Conversa.Api.Tests.Channels.Chatwoot;

/// <summary>The real Chatwoot payloads from <c>../shared/fixtures</c> (copied next to the tests), and variants made from them.</summary>
public static class ChatwootFixtures
{
    public const string AgentBotIncoming = "chatwoot_agent_bot_message_created_incoming.json";
    public const string AccountWebhookIncoming = "chatwoot_message_created_incoming_text.json";
    public const string ConversationCreated = "chatwoot_conversation_created.json";

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Channels", "Chatwoot", "Fixtures", name));

    public static JsonObject Load(string name) => JsonNode.Parse(Text(name))!.AsObject();

    /// <summary>The agent-bot delivery of a customer's message, with the ids and text changed.</summary>
    public static JsonObject Incoming(long accountId, long messageId, long conversationId, string content, string status = "pending", long inboxId = 12)
    {
        var payload = Load(AgentBotIncoming);
        payload["account"]!["id"] = accountId;
        payload["inbox"]!["id"] = inboxId;
        payload["id"] = messageId;
        payload["content"] = content;
        payload["conversation"]!["id"] = conversationId;
        payload["conversation"]!["inbox_id"] = inboxId;
        payload["conversation"]!["status"] = status;
        return payload;
    }
}
