using System.Collections.Concurrent;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// Tokens per tenant per month, counted in this node's memory: enough for plan limits and <c>/api/usage</c> on one
/// node. Only the current and the previous month are kept, so memory is bounded by the number of active tenants.
/// A database table (summed across nodes, surviving restarts) comes with the usage issue and will implement
/// <see cref="IModelUsageSink"/> the same way.
/// </summary>
public sealed class ModelUsageMeter(TimeProvider clock) : IModelUsageSink
{
    private readonly ConcurrentDictionary<(Guid Tenant, DateOnly Month), Counter> _counters = new();
    private DateOnly _newestMonth;

    public void Record(Guid tenantId, string provider, string model, long inputTokens, long outputTokens)
    {
        var month = CurrentMonth();
        if (month != _newestMonth)
        {
            ForgetBefore(month.AddMonths(-1));
            _newestMonth = month;
        }
        var counter = _counters.GetOrAdd((tenantId, month), _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        Interlocked.Add(ref counter.InputTokens, Math.Max(0, inputTokens));
        Interlocked.Add(ref counter.OutputTokens, Math.Max(0, outputTokens));
    }

    /// <summary>The tenant's use this month.</summary>
    public ModelUsage Current(Guid tenantId) => ForMonth(tenantId, CurrentMonth());

    /// <summary>The tenant's use in the month containing <paramref name="month"/> (zero when unknown or forgotten).</summary>
    public ModelUsage ForMonth(Guid tenantId, DateOnly month)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        return _counters.TryGetValue((tenantId, month), out var c)
            ? new ModelUsage(tenantId, month, Interlocked.Read(ref c.Requests), Interlocked.Read(ref c.InputTokens), Interlocked.Read(ref c.OutputTokens))
            : new ModelUsage(tenantId, month, 0, 0, 0);
    }

    private DateOnly CurrentMonth()
    {
        var now = clock.GetUtcNow();
        return new DateOnly(now.Year, now.Month, 1);
    }

    private void ForgetBefore(DateOnly month)
    {
        foreach (var key in _counters.Keys)
        {
            if (key.Month < month)
            {
                _counters.TryRemove(key, out _);
            }
        }
    }

    private sealed class Counter
    {
        public long Requests;
        public long InputTokens;
        public long OutputTokens;
    }
}
