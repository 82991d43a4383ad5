using Conversa.Core.Tenancy;

namespace Conversa.Core.Identity;

/// <summary>A tenant credential. Only the SHA-256 of the key is stored, plus a prefix to recognise it by.</summary>
public sealed class ApiKey : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public ApiKeyKind Kind { get; set; }
    public required string KeyHash { get; set; }
    public required string Prefix { get; set; }
    public List<string> AllowedOrigins { get; set; } = [];
    public int? RateLimitPerMinute { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

public enum ApiKeyKind
{
    Secret,
    Public,
}
