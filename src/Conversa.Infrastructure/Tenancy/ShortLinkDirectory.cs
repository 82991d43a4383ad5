using Conversa.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Finds a short link by its code before the tenant is known: <c>/l/{code}</c> is public and names no tenant.
/// The caller then counts the click inside <see cref="TenantScope"/> for the tenant found here.
/// </summary>
public sealed class ShortLinkDirectory(CredentialStore unscoped)
{
    public Task<ShortLinkTarget?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        unscoped.RunUnscopedAsync(db => db.ShortLinks.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.Code == code)
            .Select(l => new ShortLinkTarget(l.TenantId, l.Id, l.Url, new UtmTags(l.UtmSource, l.UtmMedium, l.UtmCampaign)))
            .FirstOrDefaultAsync(cancellationToken));

    /// <summary>Whether any tenant holds the code (tenant import must not bring in a code that is taken).</summary>
    public Task<bool> CodeInUseAsync(string code, CancellationToken cancellationToken = default) =>
        unscoped.RunUnscopedAsync(db => db.ShortLinks.IgnoreQueryFilters().AnyAsync(l => l.Code == code, cancellationToken));
}

public sealed record ShortLinkTarget(Guid TenantId, Guid LinkId, string Url, UtmTags Utm);
