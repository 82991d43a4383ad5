using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Deletes what the queues no longer need, across tenants: webhook deliveries (with their items) received before the
/// inbox cutoff once none of their items is pending or failed, and outbox rows sent before the outbox cutoff. Failed
/// and pending work is never deleted. Each call deletes at most <c>max</c> of each kind, so callers repeat while it is full.
/// </summary>
public sealed class QueueRetention(IServiceScopeFactory scopes)
{
    public sealed record Pruned(int Deliveries, int OutboxRows);

    public async Task<Pruned> PruneAsync(DateTime? inboxCutoff, DateTime? outboxCutoff, int max, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var deliveries = 0;
        if (inboxCutoff is { } inbox)
        {
            // Items go first (the foreign key cascades too, but not every connection enforces it).
            await db.Database.ExecuteSqlAsync($"""
                DELETE FROM inbox_items WHERE delivery_id IN (
                    SELECT d.id FROM webhook_deliveries d WHERE d.received_at < {inbox}
                    AND NOT EXISTS (SELECT 1 FROM inbox_items i WHERE i.delivery_id = d.id AND i.status IN ('pending', 'failed'))
                    ORDER BY d.received_at LIMIT {max})
                """, cancellationToken);
            deliveries = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM webhook_deliveries WHERE id IN (
                    SELECT d.id FROM webhook_deliveries d WHERE d.received_at < {inbox}
                    AND NOT EXISTS (SELECT 1 FROM inbox_items i WHERE i.delivery_id = d.id)
                    ORDER BY d.received_at LIMIT {max})
                """, cancellationToken);
        }
        var outboxRows = outboxCutoff is { } outbox
            ? await db.Database.ExecuteSqlAsync($"""
                DELETE FROM outbox_messages WHERE id IN (
                    SELECT id FROM outbox_messages WHERE status = 'sent' AND sent_at < {outbox} ORDER BY sent_at LIMIT {max})
                """, cancellationToken)
            : 0;
        return new Pruned(deliveries, outboxRows);
    }
}
