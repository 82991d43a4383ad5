using Conversa.Core.Tenancy;

namespace Conversa.Core.Booking;

/// <summary>That a provider performs a service. A row of its own (not a list in the provider) so ids in it are real keys.</summary>
public sealed class ProviderService : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ProviderId { get; set; }
    public Guid ServiceId { get; set; }
}
