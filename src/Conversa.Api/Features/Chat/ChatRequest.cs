using System.Text.Json.Nodes;
using Conversa.Api.Features.Conversations;
using Conversa.Api.Hosting;
using Conversa.Core.Contacts;

namespace Conversa.Api.Features.Chat;

/// <summary>
/// <c>POST /api/chat</c>'s body: <c>{message, contact_id?, conversation_id?, channel?: "api", assistant?:
/// "customer"|"personal", metadata?}</c>. <c>contact_id</c> is a contact's id or the client's own id for its
/// user (any string: the same string is the same contact).
/// </summary>
public sealed record ChatRequest(string Message, string? ContactId, Guid? ConversationId, bool Personal, JsonObject? Metadata)
{
    public const int MaxMessageLength = 4000;

    public static ChatRequest? Read(JsonObject? body, ValidationErrors errors)
    {
        var fields = new BodyFields(body, errors);
        var message = fields.String("message", MaxMessageLength, required: true);
        var contactId = fields.String("contact_id", Contact.MaxExternalRefLength - 4);
        var conversationText = fields.String("conversation_id", 64);
        Guid? conversationId = null;
        if (conversationText is not null)
        {
            if (Guid.TryParse(conversationText, out var parsed))
            {
                conversationId = parsed;
            }
            else
            {
                errors.Add("conversation_id", "conversation_id must be a conversation's id (a UUID).");
            }
        }
        var channel = fields.String("channel", 20);
        errors.When(channel is not (null or "api"), "channel", "channel must be api: the other channels arrive through their own webhooks.");
        var assistant = fields.String("assistant", 20);
        errors.When(assistant is not (null or "customer" or "personal"), "assistant", "assistant must be customer or personal.");
        JsonObject? metadata = null;
        switch (body?["metadata"])
        {
            case null:
                break;
            case JsonObject value:
                metadata = (JsonObject)value.DeepClone();
                errors.When(metadata.ToJsonString().Length > 8192, "metadata", "metadata is at most 8 KiB of JSON.");
                break;
            default:
                errors.Add("metadata", "metadata must be an object.");
                break;
        }
        return errors.Any || message is null ? null : new ChatRequest(message, contactId, conversationId, assistant == "personal", metadata);
    }
}
