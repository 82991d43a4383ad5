using Conversa.Core.Tenancy;

namespace Conversa.Core.Audit;

/// <summary>One administrative change or superadmin access. Platform-wide events have no tenant.</summary>
[GlobalEntity("The platform audit trail spans tenants and platform-level actions; it is read only by superadmins.")]
public sealed class AuditEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? TenantId { get; set; }
    public required string Action { get; set; }
    public string ActorKind { get; set; } = "system";
    public string? ActorId { get; set; }
    public string? ActorEmail { get; set; }
    public string? Target { get; set; }
    public string? DetailJson { get; set; }
    public string? Ip { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
