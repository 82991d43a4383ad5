using System.Text.Json.Nodes;
using Conversa.Core.Tenancy;

namespace Conversa.Core.Conversations;

/// <summary>
/// One message of a conversation. <see cref="Sequence"/> numbers a conversation's messages 1, 2, 3… in the order
/// they were stored (timestamps can tie). <see cref="Channel"/> is copied from the conversation so that
/// <see cref="ExternalId"/> — the provider's message id (a WhatsApp <c>wamid</c>) — is unique per tenant and channel
/// and a delivery status update finds its message by that id alone. <see cref="DeliveryStatus"/> is null for inbound
/// messages.
/// </summary>
public sealed class ConversationMessage : ITenantOwned
{
    public const int MaxExternalIdLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ConversationId { get; set; }
    public ConversationChannel Channel { get; set; }
    public int Sequence { get; set; }
    public MessageRole Role { get; set; }
    public string Content { get; set; } = "";
    /// <summary>The assistant that answered (<c>router</c>, <c>sales</c>, …) or <c>human</c> for a staff reply.</summary>
    public string? Agent { get; set; }
    public string? Intent { get; set; }
    public string? Language { get; set; }
    public int? LatencyMs { get; set; }
    public DeliveryStatus? DeliveryStatus { get; set; }
    public string? ExternalId { get; set; }
    /// <summary>The tenant user who wrote a human reply, while that user exists.</summary>
    public Guid? SenderUserId { get; set; }
    public JsonObject Metadata { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}
