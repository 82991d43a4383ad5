using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Reminders;
using Conversa.Core.Tenancy;
using Conversa.Core.Time;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Reminders;

public static class ReminderEndpoints
{
    public static void MapReminderEndpoints(this IEndpointRouteBuilder app)
    {
        var reminders = app.MapGroup("/api/reminders").WithTags("Reminders");
        reminders.MapGet("", List).RequireTenant();
    }

    /// <summary>Owners, admins and the tenant's secret keys see every reminder of the tenant; other users their own.</summary>
    private static async Task<IResult> List(
        string? status, string? kind, int? limit, string? cursor, HttpContext http, AppDbContext db, TenantDirectory tenants,
        CancellationToken cancellationToken)
    {
        var query = db.Reminders.AsNoTracking();
        if (status is not null)
        {
            if (!Enum.TryParse<ReminderStatus>(status, ignoreCase: true, out var wanted) || int.TryParse(status, out _))
            {
                return Problems.Validation("status", "status must be pending, sent, failed or cancelled.");
            }
            query = query.Where(r => r.Status == wanted);
        }
        if (kind is not null)
        {
            if (!Enum.TryParse<ReminderKind>(kind, ignoreCase: true, out var wanted) || int.TryParse(kind, out _))
            {
                return Problems.Validation("kind", "kind must be appointment, task or booking.");
            }
            query = query.Where(r => r.Kind == wanted);
        }
        var caller = http.Tenant();
        if (caller.Caller == CallerKind.User && !Roles.CanManage(caller.Role))
        {
            query = query.Where(r => r.UserId == caller.UserId);
        }
        var info = await tenants.FindAsync(db.CurrentTenantId, cancellationToken);
        var zone = ZonedTime.Zone(info?.Timezone);
        return await query.OrderBy(r => r.DueAt).ThenBy(r => r.Id).ToPageAsync(limit, cursor, r => ReminderView.From(r, zone), cancellationToken);
    }
}
