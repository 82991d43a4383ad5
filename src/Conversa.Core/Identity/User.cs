using Conversa.Core.Tenancy;

namespace Conversa.Core.Identity;

/// <summary>A tenant's staff member who signs in: owner, admin or agent. Email is unique platform-wide.</summary>
public sealed class User : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public string PasswordHash { get; set; } = "";
    public string? Phone { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LastLoginAt { get; set; }
}
