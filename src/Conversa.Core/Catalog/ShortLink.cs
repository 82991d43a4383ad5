using Conversa.Core.Tenancy;

namespace Conversa.Core.Catalog;

/// <summary>
/// A short link (<c>/l/{code}</c>) to a tenant's page, with UTM tags and a click count. The code is unique
/// across the platform because the public URL names no tenant.
/// </summary>
public sealed class ShortLink : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string Code { get; set; } = "";
    public string Url { get; set; } = "";
    public string? UtmSource { get; set; }
    public string? UtmMedium { get; set; }
    public string? UtmCampaign { get; set; }
    public long Clicks { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LastClickedAt { get; set; }

    public UtmTags Utm() => new(UtmSource, UtmMedium, UtmCampaign);
}
