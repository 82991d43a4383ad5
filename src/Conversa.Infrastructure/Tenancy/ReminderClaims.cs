using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Claims due reminders across every tenant for one scheduler run: each claimed row gets the run's token and
/// a lease. On PostgreSQL the rows are picked <c>FOR UPDATE SKIP LOCKED</c>, so nodes polling at once take
/// disjoint batches instead of queueing on each other; SQLite has one writer at a time anyway. A row whose
/// lease ran out (its node died) is claimable again. Cross-tenant by nature, so it lives with the tenancy code.
/// </summary>
public sealed class ReminderClaims(IServiceScopeFactory scopes)
{
    public sealed record Claimed(Guid Id, Guid TenantId);

    public async Task<List<Claimed>> ClaimDueAsync(Guid token, DateTime now, DateTime until, int max, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var claimed = db.Database.IsNpgsql()
            ? db.Database.SqlQuery<Claimed>($"""
                UPDATE reminders AS r SET claim_token = {token}, claimed_until = {until}
                FROM (SELECT id FROM reminders
                      WHERE status = 'pending' AND due_at <= {now} AND (claimed_until IS NULL OR claimed_until < {now})
                      ORDER BY due_at LIMIT {max} FOR UPDATE SKIP LOCKED) AS due
                WHERE r.id = due.id
                RETURNING r.id AS "Id", r.tenant_id AS "TenantId"
                """)
            : db.Database.SqlQuery<Claimed>($"""
                UPDATE reminders SET claim_token = {token}, claimed_until = {until}
                WHERE id IN (SELECT id FROM reminders
                             WHERE status = 'pending' AND due_at <= {now} AND (claimed_until IS NULL OR claimed_until < {now})
                             ORDER BY due_at LIMIT {max})
                RETURNING id AS "Id", tenant_id AS "TenantId"
                """);
        return await claimed.ToListAsync(cancellationToken);
    }
}
