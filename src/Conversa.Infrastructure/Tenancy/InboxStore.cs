using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// The inbox tables (<c>webhook_deliveries</c>, <c>inbox_items</c>). They are global: a webhook is stored before any
/// tenant scope exists and one delivery may carry several tenants' items (inbox_items has forced RLS all the same, and this
/// store opens its sessions with the bypass). Nothing else reads them; the worker takes a
/// claimed item's <c>tenant_id</c> and runs it only inside that tenant's scope. On PostgreSQL items are claimed
/// <c>FOR UPDATE SKIP LOCKED</c>, so nodes polling at once take disjoint batches; a claim counts as an attempt and
/// carries a lease, so an item whose node died is claimed again once the lease ran out. Acknowledgements are written
/// with group commit (<see cref="InboxBatchWriter"/>); new items this node's running worker has room for are stored
/// already claimed for it and handed over after the commit (<see cref="InboxHandOff"/>).
/// </summary>
public sealed class InboxStore(IServiceScopeFactory scopes, InboxSignal signal, InboxHandOff handOff, TimeProvider time, ILogger<InboxStore> logger)
    : IInbox, IAsyncDisposable
{
    private readonly InboxBatchWriter _writer = new(scopes, logger);

    public const int MaxErrorLength = 2000;

    public sealed record Claimed(Guid Id, Guid TenantId, string Channel, string DedupKey, string Kind, string Payload, int Attempts, DateTime CreatedAt);

    public sealed record Depth(string Status, int Count);

    public async Task<InboxAcceptance> AcceptAsync(InboxDelivery delivery, IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var written = await _writer.WriteAsync(delivery, items, now, handOff.Reserve(items, now), cancellationToken);
        if (written.LeftUnclaimed)
        {
            signal.Notify();
        }
        return new InboxAcceptance(written.Stored, items.Count - written.Stored);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>
    /// Claims pending items of <paramref name="channels"/> (those this node has handlers for) whose lease or back-off ran
    /// out, oldest first, under <paramref name="token"/> until <paramref name="until"/>.
    /// </summary>
    public async Task<List<Claimed>> ClaimAsync(
        Guid token, DateTime now, DateTime until, int max, IReadOnlyCollection<string> channels, IReadOnlyCollection<Guid> held, CancellationToken cancellationToken)
    {
        if (channels.Count == 0)
        {
            return [];
        }
        await using var scope = Unscoped();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sql = db.Database.IsNpgsql()
            ? """
              UPDATE inbox_items AS i SET claim_token = {0}, claimed_until = {1}, attempts = i.attempts + 1
              FROM (SELECT id FROM inbox_items
                    WHERE status = 'pending' AND channel IN (@channels) AND id NOT IN (@held) AND (claimed_until IS NULL OR claimed_until < {2})
                    ORDER BY created_at, id LIMIT {3} FOR UPDATE SKIP LOCKED) AS due
              WHERE i.id = due.id
              RETURNING i.id AS "Id", i.tenant_id AS "TenantId", i.channel AS "Channel", i.dedup_key AS "DedupKey",
                        i.kind AS "Kind", i.payload AS "Payload", i.attempts AS "Attempts", i.created_at AS "CreatedAt"
              """
            : """
              UPDATE inbox_items SET claim_token = {0}, claimed_until = {1}, attempts = attempts + 1
              WHERE id IN (SELECT id FROM inbox_items
                           WHERE status = 'pending' AND channel IN (@channels) AND id NOT IN (@held) AND (claimed_until IS NULL OR claimed_until < {2})
                           ORDER BY created_at, id LIMIT {3})
              RETURNING id AS "Id", tenant_id AS "TenantId", channel AS "Channel", dedup_key AS "DedupKey",
                        kind AS "Kind", payload AS "Payload", attempts AS "Attempts", created_at AS "CreatedAt"
              """;
        var list = await db.Database.SqlQuery<Claimed>(ChannelQuery.With(sql, channels, held, token, until, now, max)).ToListAsync(cancellationToken);
        // Arrival order (RETURNING keeps none): the processor keeps one customer's items in it.
        return [.. list.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)];
    }

    /// <summary>
    /// Marks a claimed item done, if the claim is still ours; false when another claim took it meanwhile. Run on the
    /// item's own tenant session right after its handler (forced RLS lets a tenant-bound session update its own items),
    /// so it costs no further connection.
    /// </summary>
    public static async Task<bool> CompleteAsync(AppDbContext db, Guid id, Guid token, DateTime now, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE inbox_items SET status = 'done', processed_at = {now}, claim_token = NULL, claimed_until = NULL, error = NULL
            WHERE id = {id} AND claim_token = {token} AND status = 'pending'
            """, cancellationToken) > 0;

    /// <summary>Records a failed attempt: pending again after <paramref name="retryAt"/>, or failed for good when it is null.</summary>
    public async Task RecordFailureAsync(Guid id, Guid token, string error, DateTime now, DateTime? retryAt, CancellationToken cancellationToken)
    {
        var status = retryAt is null ? "failed" : "pending";
        var kept = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        DateTime? processedAt = retryAt is null ? now : null;
        await using var scope = Unscoped();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE inbox_items SET status = {status}, error = {kept}, claimed_until = {retryAt}, processed_at = {processedAt}
            WHERE id = {id} AND claim_token = {token} AND status = 'pending'
            """, cancellationToken);
    }

    /// <summary>Puts failed items (all, or those of one channel) back to pending with fresh attempts: the operator's retry.</summary>
    public async Task<int> RetryFailedAsync(string? channel, CancellationToken cancellationToken)
    {
        await using var scope = Unscoped();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var changed = channel is null
            ? await db.Database.ExecuteSqlAsync($"""
                UPDATE inbox_items SET status = 'pending', attempts = 0, claimed_until = NULL, claim_token = NULL, processed_at = NULL
                WHERE status = 'failed'
                """, cancellationToken)
            : await db.Database.ExecuteSqlAsync($"""
                UPDATE inbox_items SET status = 'pending', attempts = 0, claimed_until = NULL, claim_token = NULL, processed_at = NULL
                WHERE status = 'failed' AND channel = {channel}
                """, cancellationToken);
        if (changed > 0)
        {
            signal.Notify();
        }
        return changed;
    }

    /// <summary>A scope with the row-level security bypass: the inbox is written and claimed before any tenant is known.</summary>
    private AsyncServiceScope Unscoped()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
        return scope;
    }

    /// <summary>Items by status (for <c>/metrics</c>).</summary>
    public async Task<List<Depth>> DepthsAsync(CancellationToken cancellationToken)
    {
        await using var scope = Unscoped();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Database.SqlQuery<Depth>($"""
            SELECT status AS "Status", CAST(COUNT(*) AS INTEGER) AS "Count" FROM inbox_items
            WHERE status IN ('pending', 'failed') GROUP BY status
            """).ToListAsync(cancellationToken);
    }
}
