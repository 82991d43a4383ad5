using Conversa.Core.Tenancy;

namespace Conversa.Core.Personal;

/// <summary>
/// A staff user's own WhatsApp number (E.164): how the personal assistant knows who is writing, and where
/// their reminders go. One per user; a number names at most one user of a tenant.
/// </summary>
public sealed class LinkedPhone : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public string Phone { get; set; } = "";
    public DateTime LinkedAt { get; set; }
}
