using Conversa.Core.Billing;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Billing.Usage;

/// <summary>
/// The limits in force for the scope's tenant: its plan's, each replaced by the tenant's own <c>limits</c> when set.
/// The tenant's plan and own limits are kept in <see cref="TenantReadCache"/> like the assistant profile.
/// </summary>
public sealed class UsageLimits(TenantReadCache cache, PlanCatalog plans)
{
    private sealed record TenantPlan(string Plan, PlanLimits Own);

    private static readonly TenantCached<TenantPlan> Kind = new("usage-limits", ReadAsync, _ => 1);

    public async Task<(string Plan, PlanLimits Limits)> CurrentAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await cache.GetAsync(db, Kind, cancellationToken);
        return (tenant.Plan, tenant.Own.Over((await plans.GetAsync(tenant.Plan, cancellationToken)).Limits));
    }

    private static async Task<TenantPlan> ReadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var row = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.Plan, t.LimitsJson }).FirstAsync(cancellationToken);
        return new TenantPlan(row.Plan, TenantLimits.Own(row.LimitsJson));
    }
}
