using System.Globalization;
using Conversa.Api.Tenancy;
using Conversa.Core.Billing;
using Conversa.Infrastructure.Billing;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Models;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Usage;

/// <summary>
/// <c>GET /api/usage</c> (owner, admin or secret key): the tenant's limits (the plan's, each replaced by the tenant's own
/// <c>limits</c> when set) and this UTC month's use, counted as the limits are enforced: customer messages, model tokens
/// (in and out, from the node's meter), bookings made; documents are the ones held now.
/// </summary>
public static class UsageEndpoints
{
    public static void MapUsageEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/usage", Get).RequireTenantManager().WithTags("Usage").Produces<UsageView>();

    private static async Task<IResult> Get(
        AppDbContext db, PlanCatalog plans, ModelUsageMeter meter, TimeProvider time, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.Plan, t.LimitsJson }).FirstAsync(cancellationToken);
        var limits = TenantLimits.Own(tenant.LimitsJson).Over((await plans.GetAsync(tenant.Plan, cancellationToken)).Limits);
        var now = time.GetUtcNow();
        var since = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var tokens = meter.Current(tenantId);
        var used = new UsageFigures(
            await MessageQuota.CustomerMessagesSinceAsync(db, since, cancellationToken),
            tokens.InputTokens + tokens.OutputTokens,
            await db.Bookings.AsNoTracking().LongCountAsync(b => b.TenantId == tenantId && b.CreatedAt >= since, cancellationToken),
            await db.Documents.AsNoTracking().LongCountAsync(d => d.TenantId == tenantId, cancellationToken));
        return TypedResults.Ok(new UsageView(tenant.Plan, since.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            new UsageFigures(limits.Messages, limits.AiTokens, limits.Bookings, limits.Documents), used));
    }
}
