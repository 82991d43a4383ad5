using System.Collections.Concurrent;
using System.Diagnostics;
using Conversa.Infrastructure.Models;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Billing.Usage;

/// <summary>
/// Each tenant's use this UTC month, counted across nodes in <c>usage_counters</c>. A node adds to memory what it counts
/// (customer messages, model calls and tokens: it is the <see cref="IModelUsageSink"/>) and <see cref="UsageFlusher"/>
/// adds those deltas to the tenant's row every <see cref="UsageOptions.FlushInterval"/> with one atomic upsert, in the
/// tenant's own scope. A check reads "the database total last read + what this node has not written yet"; the total is
/// read again once it is older than the flush interval, so other nodes' use shows within about two intervals. A crash
/// loses at most the last interval's unwritten use of that node. Memory: one small entry per tenant active lately.
/// </summary>
public sealed class UsageLedger(TenantScope scopes, TenantDirectory tenants, UsageOptions options, TimeProvider clock, ILogger<UsageLedger> logger)
    : IModelUsageSink
{
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(Guid Tenant, DateOnly Period), Entry> _entries = new();

    /// <summary>The current UTC month, as <c>usage_counters.period</c> holds it (its first day).</summary>
    public DateOnly CurrentPeriod
    {
        get
        {
            var now = clock.GetUtcNow();
            return new DateOnly(now.Year, now.Month, 1);
        }
    }

    /// <summary>When the current month's counts start again.</summary>
    public DateTimeOffset NextPeriodStart => new(CurrentPeriod.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public void Record(Guid tenantId, string provider, string model, long inputTokens, long outputTokens)
    {
        var delta = new UsageTotals(0, 1, Math.Max(0, inputTokens), Math.Max(0, outputTokens));
        var period = CurrentPeriod;
        while (!EntryFor(tenantId, period).TryAdd(delta, Stopwatch.GetTimestamp()))
        {
        }
    }

    /// <summary>The scope's tenant's use this month: the stored total (read again when stale) and this node's unwritten part.</summary>
    public async Task<UsageTotals> CurrentAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            if ((await FreshEntryAsync(db, cancellationToken)).Total(Stopwatch.GetTimestamp()) is { } total)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Counts one customer message for the scope's tenant unless that would pass <paramref name="limit"/> (null: no
    /// limit); false when the month's messages are used up. Nodes see each other's counts within the staleness window,
    /// so together they may pass the limit by the few messages answered in it.
    /// </summary>
    public async Task<bool> TryCountMessageAsync(AppDbContext db, long? limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            if ((await FreshEntryAsync(db, cancellationToken)).TryAddMessage(limit, Stopwatch.GetTimestamp()) is { } counted)
            {
                return counted;
            }
        }
    }

    /// <summary>
    /// True for exactly one caller per tenant, month and limit across every node and restart: the one whose conditional
    /// update stamps the row first tells the staff.
    /// </summary>
    public async Task<bool> ClaimNoticeAsync(AppDbContext db, UsageLimit limit, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var period = CurrentPeriod;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO usage_counters (tenant_id, period, messages, ai_requests, ai_input_tokens, ai_output_tokens, updated_at)
            VALUES ({tenantId}, {period}, 0, 0, 0, 0, {now})
            ON CONFLICT (tenant_id, period) DO NOTHING
            """, cancellationToken);
        var row = db.UsageCounters.Where(u => u.TenantId == tenantId && u.Period == period);
        var claimed = limit == UsageLimit.Messages
            ? await row.Where(u => u.MessagesNotifiedAt == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.MessagesNotifiedAt, now), cancellationToken)
            : await row.Where(u => u.AiTokensNotifiedAt == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.AiTokensNotifiedAt, now), cancellationToken);
        return claimed == 1;
    }

    /// <summary>
    /// Adds every tenant's unwritten use to its row (each in its own tenant scope) and keeps the totals read back; a
    /// failed write is kept for the next flush. Then forgets entries of past months and of tenants idle for a while.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var ((tenantId, period), entry) in _entries)
        {
            if (entry.TakePending() is not { } delta)
            {
                continue;
            }
            try
            {
                if (await tenants.FindAsync(tenantId, cancellationToken) is null)
                {
                    // The tenant was deleted with its rows: there is nothing left to count against.
                    entry.Written(UsageTotals.Zero, Stopwatch.GetTimestamp());
                    continue;
                }
                var stored = await scopes.RunDbAsync(tenantId, db => AddAsync(db, period, delta, cancellationToken), cancellationToken);
                entry.Written(stored, Stopwatch.GetTimestamp());
            }
            catch (Exception e)
            {
                entry.Failed();
                if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                logger.LogWarning(e, "Usage of tenant {TenantId} for {Period} not written; it is kept for the next flush", tenantId, period);
            }
        }
        Forget();
    }

    private async Task<Entry> FreshEntryAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var period = CurrentPeriod;
        var entry = EntryFor(tenantId, period);
        if (entry.BeginRead(Stopwatch.GetTimestamp(), options.FlushInterval) is { } epoch)
        {
            var row = await db.UsageCounters.AsNoTracking()
                .Where(u => u.TenantId == tenantId && u.Period == period)
                .Select(u => new UsageTotals(u.Messages, u.AiRequests, u.AiInputTokens, u.AiOutputTokens))
                .FirstOrDefaultAsync(cancellationToken);
            entry.EndRead(epoch, row ?? UsageTotals.Zero, Stopwatch.GetTimestamp());
        }
        return entry;
    }

    /// <summary>
    /// The atomic add: the same statement on SQLite and PostgreSQL. The tenant is written out (raw SQL has no query
    /// filter); on PostgreSQL row-level security checks it against the scope's tenant as well.
    /// </summary>
    private async Task<UsageTotals> AddAsync(AppDbContext db, DateOnly period, UsageTotals delta, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Database.SqlQuery<StoredRow>($"""
            INSERT INTO usage_counters (tenant_id, period, messages, ai_requests, ai_input_tokens, ai_output_tokens, updated_at)
            VALUES ({tenantId}, {period}, {delta.Messages}, {delta.AiRequests}, {delta.AiInputTokens}, {delta.AiOutputTokens}, {now})
            ON CONFLICT (tenant_id, period) DO UPDATE SET
                messages = usage_counters.messages + excluded.messages,
                ai_requests = usage_counters.ai_requests + excluded.ai_requests,
                ai_input_tokens = usage_counters.ai_input_tokens + excluded.ai_input_tokens,
                ai_output_tokens = usage_counters.ai_output_tokens + excluded.ai_output_tokens,
                updated_at = excluded.updated_at
            RETURNING messages AS "Messages", ai_requests AS "AiRequests", ai_input_tokens AS "AiInputTokens", ai_output_tokens AS "AiOutputTokens"
            """).ToListAsync(cancellationToken);
        return rows[0].ToTotals();
    }

    private Entry EntryFor(Guid tenantId, DateOnly period)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd((tenantId, period), _ => new Entry());
            if (!entry.Retired)
            {
                return entry;
            }
            _entries.TryRemove(KeyValuePair.Create((tenantId, period), entry));
        }
    }

    private void Forget()
    {
        var current = CurrentPeriod;
        var now = Stopwatch.GetTimestamp();
        foreach (var (key, entry) in _entries)
        {
            if (entry.TryRetire(key.Period < current, now))
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    /// <summary>The row <c>INSERT … RETURNING</c> reads back (columns aliased to these names).</summary>
    private sealed class StoredRow
    {
        public long Messages { get; init; }
        public long AiRequests { get; init; }
        public long AiInputTokens { get; init; }
        public long AiOutputTokens { get; init; }

        public UsageTotals ToTotals() => new(Messages, AiRequests, AiInputTokens, AiOutputTokens);
    }

    /// <summary>
    /// One tenant-month on this node: the stored total last read, the delta being written, the delta not yet taken.
    /// A read of the stored total that overlapped a write is dropped (the write reads back a newer total), so nothing is
    /// counted twice; counts only grow, so the larger of two totals is the newer.
    /// </summary>
    private sealed class Entry
    {
        private readonly Lock _gate = new();
        private UsageTotals _stored = UsageTotals.Zero;
        private UsageTotals _inFlight = UsageTotals.Zero;
        private UsageTotals _pending = UsageTotals.Zero;
        private long? _readAt;
        private int _epoch;
        private long _usedAt = Stopwatch.GetTimestamp();
        private volatile bool _retired;

        /// <summary>Dropped from the ledger: a caller holding it takes a new entry (the methods below answer null or false).</summary>
        public bool Retired => _retired;

        public UsageTotals? Total(long now)
        {
            lock (_gate)
            {
                _usedAt = now;
                return _retired ? null : _stored.Plus(_inFlight).Plus(_pending);
            }
        }

        public bool TryAdd(UsageTotals delta, long now)
        {
            lock (_gate)
            {
                if (_retired)
                {
                    return false;
                }
                _pending = _pending.Plus(delta);
                _usedAt = now;
                return true;
            }
        }

        /// <summary>Null when retired, else whether the message was counted within the limit.</summary>
        public bool? TryAddMessage(long? limit, long now)
        {
            lock (_gate)
            {
                _usedAt = now;
                if (_retired)
                {
                    return null;
                }
                if (limit is { } max && _stored.Messages + _inFlight.Messages + _pending.Messages >= max)
                {
                    return false;
                }
                _pending = _pending with { Messages = _pending.Messages + 1 };
                return true;
            }
        }

        /// <summary>The epoch to read the stored total under, or null when it is fresh enough or a write is under way.</summary>
        public int? BeginRead(long now, TimeSpan maxAge)
        {
            lock (_gate)
            {
                var stale = _readAt is not { } readAt || Stopwatch.GetElapsedTime(readAt, now) >= maxAge;
                return stale && _inFlight == UsageTotals.Zero ? _epoch : null;
            }
        }

        public void EndRead(int epoch, UsageTotals stored, long now)
        {
            lock (_gate)
            {
                if (_epoch == epoch && _inFlight == UsageTotals.Zero)
                {
                    _stored = _stored.Max(stored);
                    _readAt = now;
                }
            }
        }

        public UsageTotals? TakePending()
        {
            lock (_gate)
            {
                if (_pending == UsageTotals.Zero || _inFlight != UsageTotals.Zero)
                {
                    return null;
                }
                _epoch++;
                _inFlight = _pending;
                _pending = UsageTotals.Zero;
                return _inFlight;
            }
        }

        public void Written(UsageTotals stored, long now)
        {
            lock (_gate)
            {
                _stored = _stored.Max(stored);
                _inFlight = UsageTotals.Zero;
                _readAt = now;
            }
        }

        public void Failed()
        {
            lock (_gate)
            {
                _pending = _pending.Plus(_inFlight);
                _inFlight = UsageTotals.Zero;
            }
        }

        /// <summary>Retires the entry when it holds nothing unwritten and is of a past month or idle.</summary>
        public bool TryRetire(bool pastPeriod, long now)
        {
            lock (_gate)
            {
                _retired = _pending == UsageTotals.Zero && _inFlight == UsageTotals.Zero
                    && (pastPeriod || Stopwatch.GetElapsedTime(_usedAt, now) >= IdleLifetime);
                return _retired;
            }
        }
    }
}
