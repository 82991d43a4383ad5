namespace Conversa.Core.Tenancy;

/// <summary>A row that belongs to exactly one tenant. The data layer filters, stamps and guards it.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
