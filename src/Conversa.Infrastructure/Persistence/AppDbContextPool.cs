using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Conversa.Infrastructure.Persistence;

/// <summary>
/// The process's <see cref="AppDbContext"/>s, reused across scopes: a new context costs EF its internal service scope
/// and set-up on first use (measured: a third of a chat turn's allocations), a pooled one only a reset. A context is
/// handed out only bound to the renting scope's tenant (<see cref="AppDbContextLease"/>), so a tenant context, a context
/// of no tenant and one that bypasses tenancy are the same instances in turn, never at once.
/// </summary>
internal sealed class AppDbContextPool(DbContextOptions<AppDbContext> options)
{
    private readonly PooledDbContextFactory<AppDbContext> _contexts = new(options);

    public AppDbContext Rent(TenantContextHolder holder)
    {
        var db = _contexts.CreateDbContext();
        db.Lease(holder);
        return db;
    }
}
