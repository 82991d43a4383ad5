using System.Collections.Concurrent;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Billing;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// The monthly message limit of a tenant's plan (or the tenant's own <c>limits.messages</c>), enforced in the engine so
/// every channel meets it. Messages are counted per tenant per calendar month (UTC) in this node's memory, like
/// <c>ModelUsageMeter</c>, starting from the month's customer messages in the database the first time the node sees
/// the tenant that month; only the current month is kept. A tenant without a limit costs no counting at all.
/// </summary>
public sealed class MessageQuota(PlanCatalog plans, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(Guid Tenant, DateOnly Month), Counter> _counters = new();
    private DateOnly _newestMonth;

    /// <summary>Counts one more message for the scope's tenant; null when it is within the limit, else why not.</summary>
    public async ValueTask<QuotaRefusal?> CountAsync(AppDbContext db, TenantAssistant assistant, CancellationToken cancellationToken)
    {
        var limit = assistant.MessageLimit ?? (await plans.GetAsync(assistant.Plan, cancellationToken)).Limits.Messages;
        if (limit is not { } max)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var month = new DateOnly(now.Year, now.Month, 1);
        if (month != _newestMonth)
        {
            foreach (var key in _counters.Keys.Where(k => k.Month < month))
            {
                _counters.TryRemove(key, out _);
            }
            _newestMonth = month;
        }
        var counter = _counters.GetOrAdd((db.CurrentTenantId, month), _ => new Counter());
        if (Volatile.Read(ref counter.Seeded) == 0)
        {
            await SeedAsync(db, counter, month, cancellationToken);
        }
        if (Interlocked.Increment(ref counter.Used) <= max)
        {
            return null;
        }
        // A refused message is not an answered one: the count stays at the limit, so raising the limit frees it at once.
        Interlocked.Decrement(ref counter.Used);
        return new QuotaRefusal(max, FirstRefusal: Interlocked.Exchange(ref counter.Refused, 1) == 0,
            ResetsAt: new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    /// <summary>
    /// Adds the month's earlier customer messages once. Two first messages at the same moment may both count; only the
    /// first to finish adds its count, so nothing is counted twice.
    /// </summary>
    private static async Task SeedAsync(AppDbContext db, Counter counter, DateOnly month, CancellationToken cancellationToken)
    {
        var earlier = await CustomerMessagesSinceAsync(db, month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), cancellationToken);
        if (Interlocked.CompareExchange(ref counter.Seeded, 1, 0) == 0)
        {
            Interlocked.Add(ref counter.Used, earlier);
        }
    }

    /// <summary>The scope tenant's customer messages since <paramref name="since"/>: what the limit counts.</summary>
    public static Task<long> CustomerMessagesSinceAsync(AppDbContext db, DateTime since, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        return db.ConversationMessages.AsNoTracking()
            .LongCountAsync(m => m.TenantId == tenantId && m.Role == MessageRole.User && m.CreatedAt >= since, cancellationToken);
    }

    private sealed class Counter
    {
        public int Seeded;
        public long Used;
        public int Refused;
    }
}

/// <summary>
/// A message over the monthly <see cref="Limit"/>; <see cref="FirstRefusal"/> is the month's first (staff are told then);
/// <see cref="ResetsAt"/> is when the count starts again (the next UTC month, as the counting is per UTC month).
/// </summary>
public sealed record QuotaRefusal(long Limit, bool FirstRefusal, DateTimeOffset ResetsAt);
