using System.Data.Common;
using System.Runtime.CompilerServices;
using Conversa.Core.Booking;
using Conversa.Core.Catalog;
using Conversa.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Conversa.Infrastructure.Caching;

/// <summary>
/// Keeps <see cref="TenantReadCache"/> honest on this node: a save that adds, changes or deletes a row of a watched
/// table drops the copies of that row's tenant once the change is committed (at once outside a transaction, and again
/// at commit inside one, so a turn cannot re-read and keep what the transaction is about to replace). Bulk
/// <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> on these tables bypass it and must call <see cref="TenantReadCache.Invalidate"/>.
/// </summary>
public sealed class TenantCacheInvalidation(TenantReadCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The tables cached data is read from.</summary>
    public static readonly IReadOnlySet<Type> Watched = new HashSet<Type>
    {
        typeof(Tenant), typeof(Product), typeof(Service), typeof(Provider), typeof(ProviderService),
    };

    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || !Watched.Contains(entry.Metadata.ClrType))
            {
                continue;
            }
            var tenantId = entry.Entity switch
            {
                Tenant tenant => tenant.Id,
                ITenantOwned owned => owned.TenantId,
                _ => Guid.Empty,
            };
            if (tenantId != Guid.Empty)
            {
                _pending.GetOrCreateValue(context).Add(tenantId);
            }
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var tenants))
        {
            return;
        }
        foreach (var tenantId in tenants)
        {
            cache.Invalidate(tenantId);
        }
        if (context.Database.CurrentTransaction is null)
        {
            _pending.Remove(context);
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var tenants))
        {
            _pending.Remove(context);
            foreach (var tenantId in tenants)
            {
                cache.Invalidate(tenantId);
            }
        }
    }
}
