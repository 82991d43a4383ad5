namespace Conversa.Core.Tenancy;

[GlobalEntity("The catalog of tenants itself.")]
public sealed class Tenant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Sector { get; set; } = "general";
    public string Plan { get; set; } = "free";
    public TenantStatus Status { get; set; } = TenantStatus.Active;
    public string Timezone { get; set; } = "UTC";
    public string Language { get; set; } = "es";
    public string Currency { get; set; } = "USD";
    /// <summary>Non-secret settings as a JSON object; secrets live encrypted in <c>tenant_secrets</c>.</summary>
    public string SettingsJson { get; set; } = "{}";
    /// <summary>Per-tenant overrides of the plan's monthly limits, as JSON (null = the plan's).</summary>
    public string? LimitsJson { get; set; }
    public TenantIsolation Isolation { get; set; } = TenantIsolation.Shared;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}

public enum TenantStatus
{
    Active,
    Suspended,
}

public enum TenantIsolation
{
    Shared,
    Dedicated,
}
