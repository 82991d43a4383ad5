using System.Text.Json.Nodes;
using Conversa.Core.Conversations;

namespace Conversa.Infrastructure.Conversations;

/// <summary>
/// A message to store. <see cref="ExternalId"/> is the provider's message id: an inbound message stored twice with
/// the same id (a webhook redelivery) is stored once. <see cref="DeliveryStatus"/> stays null for inbound messages.
/// </summary>
public sealed record NewMessage(
    MessageRole Role,
    string Content,
    string? Agent = null,
    string? Intent = null,
    string? Language = null,
    int? LatencyMs = null,
    DeliveryStatus? DeliveryStatus = null,
    string? ExternalId = null,
    Guid? SenderUserId = null,
    JsonObject? Metadata = null)
{
    /// <summary>What a contact (or a staff user talking to their assistant) wrote.</summary>
    public static NewMessage FromUser(string content, string? externalId = null, string? language = null, JsonObject? metadata = null) =>
        new(MessageRole.User, content, Language: language, ExternalId: externalId, Metadata: metadata);

    public NewMessage Normalized()
    {
        ArgumentNullException.ThrowIfNull(Content);
        var externalId = string.IsNullOrWhiteSpace(ExternalId) ? null : ExternalId.Trim();
        if (externalId?.Length > ConversationMessage.MaxExternalIdLength)
        {
            throw new ArgumentException($"A provider message id is at most {ConversationMessage.MaxExternalIdLength} characters.", nameof(ExternalId));
        }
        return this with { ExternalId = externalId };
    }
}
