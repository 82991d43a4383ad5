using Conversa.Core.Tenancy;

namespace Conversa.Core.Channels;

/// <summary>
/// One unit of inbound work from a webhook, unique per (channel, key) so a redelivery is stored once. The inbox worker
/// claims pending entries (a token and a lease), runs them in their tenant's scope and marks them done or failed.
/// </summary>
[GlobalEntity("Written by webhooks before any tenant scope exists, and claimed across tenants by the inbox worker; each entry is processed only inside the scope of its own tenant_id, and entries without one are never processed.")]
public sealed class InboxEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DeliveryId { get; set; }
    public required string Channel { get; set; }
    public required string DedupKey { get; set; }
    /// <summary>Null when no tenant matched: the entry is <see cref="InboxStatus.Ignored"/>.</summary>
    public Guid? TenantId { get; set; }
    public required string Kind { get; set; }
    public string Payload { get; set; } = "";
    public InboxStatus Status { get; set; } = InboxStatus.Pending;
    /// <summary>Claims so far (a claim counts as an attempt, so an entry that kills its node still runs out).</summary>
    public int Attempts { get; set; }
    public Guid? ClaimToken { get; set; }
    /// <summary>End of the current claim's lease, or when a failed attempt may be retried.</summary>
    public DateTime? ClaimedUntil { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? ProcessedAt { get; set; }
}
