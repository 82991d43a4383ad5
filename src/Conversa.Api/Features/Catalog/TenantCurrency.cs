using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Catalog;

internal static class TenantCurrency
{
    /// <summary>The currency a product gets when it names none: the tenant's.</summary>
    public static Task<string> OfAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        return db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Currency).FirstAsync(cancellationToken);
    }
}
