using Conversa.Core.Tenancy;

namespace Conversa.Core.Catalog;

/// <summary>
/// A published version of the whole catalog. Activating one replaces the products with its items; the
/// active snapshot is the one activated last, so a rollback is activating an older one again.
/// </summary>
public sealed class CatalogSnapshot : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string Version { get; set; } = "";
    /// <summary>The validated items as a JSON array of products (no ids: a snapshot is content, not rows).</summary>
    public string ProductsJson { get; set; } = "[]";
    public int ProductCount { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? ActivatedAt { get; set; }
}
