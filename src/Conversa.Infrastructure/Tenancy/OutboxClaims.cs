using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Claims due outbox rows across every tenant for one sender run, as <see cref="ReminderClaims"/> does for reminders:
/// a token, a lease, <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL. A claim counts as an attempt, so a row whose send
/// keeps killing its node still runs out of attempts. Also the cross-tenant queue depths for <c>/metrics</c>.
/// </summary>
public sealed class OutboxClaims(IServiceScopeFactory scopes)
{
    public sealed record Claimed(Guid Id, Guid TenantId, string Channel, string? Recipient, string? ThreadId, Guid? ConversationId, DateTime DueAt)
    {
        /// <summary>Whom the row goes to: rows with the same key are sent one after another, in due order.</summary>
        public string OrderKey => Recipient ?? ThreadId ?? ConversationId?.ToString() ?? Id.ToString();
    }

    public sealed record Depth(string Channel, string Status, int Count);

    /// <summary>Claims due rows of <paramref name="channels"/> (those this node has senders for), returned in due order.</summary>
    public async Task<List<Claimed>> ClaimDueAsync(
        Guid token, DateTime now, DateTime until, int max, IReadOnlyCollection<string> channels, IReadOnlyCollection<Guid> held, CancellationToken cancellationToken)
    {
        if (channels.Count == 0)
        {
            return [];
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sql = db.Database.IsNpgsql()
            ? """
              UPDATE outbox_messages AS o SET claim_token = {0}, claimed_until = {1}, attempts = o.attempts + 1
              FROM (SELECT id FROM outbox_messages
                    WHERE status = 'pending' AND channel IN (@channels) AND id NOT IN (@held) AND due_at <= {2} AND (claimed_until IS NULL OR claimed_until < {2})
                    ORDER BY due_at LIMIT {3} FOR UPDATE SKIP LOCKED) AS due
              WHERE o.id = due.id
              RETURNING o.id AS "Id", o.tenant_id AS "TenantId", o.channel AS "Channel", o.recipient AS "Recipient",
                        o.thread_id AS "ThreadId", o.conversation_id AS "ConversationId", o.due_at AS "DueAt"
              """
            : """
              UPDATE outbox_messages SET claim_token = {0}, claimed_until = {1}, attempts = attempts + 1
              WHERE id IN (SELECT id FROM outbox_messages
                           WHERE status = 'pending' AND channel IN (@channels) AND id NOT IN (@held) AND due_at <= {2} AND (claimed_until IS NULL OR claimed_until < {2})
                           ORDER BY due_at LIMIT {3})
              RETURNING id AS "Id", tenant_id AS "TenantId", channel AS "Channel", recipient AS "Recipient",
                        thread_id AS "ThreadId", conversation_id AS "ConversationId", due_at AS "DueAt"
              """;
        var list = await db.Database.SqlQuery<Claimed>(ChannelQuery.With(sql, channels, held, token, until, now, max)).ToListAsync(cancellationToken);
        // Due order (RETURNING keeps none): the sender keeps one recipient's rows in it.
        return [.. list.OrderBy(c => c.DueAt).ThenBy(c => c.Id)];
    }

    /// <summary>Puts failed rows (all, or one channel's) back to pending with fresh attempts: the operator's retry.</summary>
    public async Task<int> RetryFailedAsync(string? channel, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return channel is null
            ? await db.Database.ExecuteSqlAsync($"""
                UPDATE outbox_messages SET status = 'pending', attempts = 0, due_at = {now}, claimed_until = NULL, claim_token = NULL, updated_at = {now}
                WHERE status = 'failed'
                """, cancellationToken)
            : await db.Database.ExecuteSqlAsync($"""
                UPDATE outbox_messages SET status = 'pending', attempts = 0, due_at = {now}, claimed_until = NULL, claim_token = NULL, updated_at = {now}
                WHERE status = 'failed' AND channel = {channel}
                """, cancellationToken);
    }

    public async Task<List<Depth>> DepthsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Database.SqlQuery<Depth>($"""
            SELECT channel AS "Channel", status AS "Status", CAST(COUNT(*) AS INTEGER) AS "Count" FROM outbox_messages
            WHERE status IN ('pending', 'failed') GROUP BY channel, status
            """).ToListAsync(cancellationToken);
    }
}
