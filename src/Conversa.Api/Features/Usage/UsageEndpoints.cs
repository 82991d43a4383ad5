using System.Globalization;
using Conversa.Api.Tenancy;
using Conversa.Infrastructure.Billing.Usage;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Usage;

/// <summary>
/// <c>GET /api/usage</c> (owner, admin or secret key): the tenant's limits (the plan's, each replaced by the tenant's own
/// <c>limits</c> when set) and this UTC month's use, counted as the limits are enforced: customer messages and model
/// tokens (in and out) from the usage counters every node adds to, bookings made; documents are the ones held now.
/// </summary>
public static class UsageEndpoints
{
    public static void MapUsageEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/usage", Get).RequireTenantManager().WithTags("Usage").Produces<UsageView>();

    private static async Task<IResult> Get(AppDbContext db, UsageLimits limits, UsageLedger usage, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var (plan, inForce) = await limits.CurrentAsync(db, cancellationToken);
        var period = usage.CurrentPeriod;
        var since = period.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var counted = await usage.CurrentAsync(db, cancellationToken);
        var used = new UsageFigures(
            counted.Messages,
            counted.AiTokens,
            await db.Bookings.AsNoTracking().LongCountAsync(b => b.TenantId == tenantId && b.CreatedAt >= since, cancellationToken),
            await db.Documents.AsNoTracking().LongCountAsync(d => d.TenantId == tenantId, cancellationToken));
        return TypedResults.Ok(new UsageView(plan, period.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            new UsageFigures(inForce.Messages, inForce.AiTokens, inForce.Bookings, inForce.Documents), used));
    }
}
