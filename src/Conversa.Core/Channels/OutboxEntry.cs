using Conversa.Core.Conversations;
using Conversa.Core.Tenancy;

namespace Conversa.Core.Channels;

/// <summary>
/// One outgoing message waiting for (or done with) its channel's sender. Written in the same transaction as what
/// caused it (the stored reply, the reminder marked sent); the sender worker claims due rows across tenants (a token
/// and a lease), delivers them in their tenant's scope and marks them sent or failed under the same claim.
/// </summary>
public sealed class OutboxEntry : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    /// <summary>The sender that delivers it (<c>whatsapp</c>, <c>chatwoot</c>, <c>log</c>).</summary>
    public required string Channel { get; set; }
    public required string Purpose { get; set; }
    public string Kind { get; set; } = "text";
    /// <summary>The stored conversation message for a reply, else the reminder or conversation that caused it.</summary>
    public Guid ReferenceId { get; set; }
    public ConversationChannel? ConversationChannel { get; set; }
    public Guid? ConversationId { get; set; }
    public string? ThreadId { get; set; }
    public string? Recipient { get; set; }
    public string Text { get; set; } = "";
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    /// <summary>When the next attempt may start (now when enqueued, later after a retryable failure).</summary>
    public DateTime DueAt { get; set; } = DateTime.UtcNow;
    public Guid? ClaimToken { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public string? Error { get; set; }
    public string? ProviderMessageId { get; set; }
    /// <summary>A sender's note of how far a multi-part message got (WhatsApp: parts accepted), kept across attempts and nodes.</summary>
    public string? Progress { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The server process that delivered it, so a repeat would show in the data.</summary>
    public string? SentBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}
