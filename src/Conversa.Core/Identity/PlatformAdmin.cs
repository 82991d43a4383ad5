using Conversa.Core.Tenancy;

namespace Conversa.Core.Identity;

[GlobalEntity("Superadmins operate the platform and belong to no tenant.")]
public sealed class PlatformAdmin
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Email { get; set; }
    public required string Name { get; set; }
    public string PasswordHash { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LastLoginAt { get; set; }
}
