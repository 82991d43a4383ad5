using System.Text.Json.Serialization;
using Conversa.Core.Tenancy;

namespace Conversa.Core.Conversations;

/// <summary>
/// One thread between a contact and the tenant on one channel. The bot answers while it is
/// <see cref="ConversationStatus.Active"/>; handed off, a human has it and the bot only stores what arrives.
/// <see cref="ExternalId"/> is the channel's own thread id (a Chatwoot conversation, an OpenAI-style client's
/// thread), unique per tenant and channel; without one, a contact has at most one open conversation per channel and
/// assistant. <see cref="MessageCount"/> and <see cref="LastMessageAt"/> are kept by the store as messages arrive.
/// </summary>
public sealed class Conversation : ITenantOwned
{
    public const int MaxExternalIdLength = 200;
    public const int MaxHandoffReasonLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ContactId { get; set; }
    public ConversationChannel Channel { get; set; }
    public ConversationAssistant Assistant { get; set; }
    /// <summary>The staff user a personal-assistant conversation belongs to; null for customer conversations.</summary>
    public Guid? UserId { get; set; }
    public string? ExternalId { get; set; }
    public ConversationStatus Status { get; set; } = ConversationStatus.Active;
    public bool BotEnabled { get; set; } = true;
    public string? HandoffReason { get; set; }
    public DateTime? HandoffAt { get; set; }
    /// <summary>When the last message arrived; the creation time until the first one, so lists sort by activity.</summary>
    public DateTime LastMessageAt { get; set; }
    public int MessageCount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Whether a human has the conversation, so the bot must stay silent.</summary>
    [JsonIgnore]
    public bool IsHandedOff => Status == ConversationStatus.Handoff || !BotEnabled;
}
