using System.Linq.Expressions;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

/// <summary>
/// The one door to the database. Contexts are pooled (<see cref="AppDbContextPool"/>): each DI scope rents one bound to
/// the scope's <see cref="TenantContext"/> and returns it, unbound, when the scope ends. Every <see cref="ITenantOwned"/>
/// entity gets the named query filter <see cref="TenantFilter"/> (which reads the current lease's tenant on every
/// query), is stamped with the tenant on insert, and a save that touches another tenant's row throws.
/// </summary>
public sealed partial class AppDbContext : DbContext
{
    public const string TenantFilter = "tenant";

    private TenantContextHolder? _holder;
    private TenantContext _tenant = TenantContext.Anonymous;
    private bool _leased;

    /// <summary>A context of no tenant (migrations, schema checks); the application's come from <see cref="AppDbContextPool"/>.</summary>
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    /// <summary>A context bound to the holder's tenant for its whole life, outside the pool (for tests that build their own options).</summary>
    internal AppDbContext(DbContextOptions<AppDbContext> options, TenantContextHolder holder)
        : this(options)
    {
        _holder = holder;
        _tenant = holder.Current;
    }

    public TenantContext Tenant => _tenant;

    /// <summary>The tenant every query and save is confined to. Reading it without a tenant is a bug.</summary>
    public Guid CurrentTenantId => _tenant.TenantId ?? throw new TenantRequiredException(
        "Tenant-owned data was accessed without a tenant. Use TenantScope.RunAsync for work outside a request.");

    internal bool BypassTenancy => _holder?.BypassTenancy ?? false;

    /// <summary>The tenant the PostgreSQL session is bound to for row-level security, or null.</summary>
    internal Guid? SessionTenantId => _tenant.TenantId;

    /// <summary>Binds a context just rented from the pool to the renting scope's tenant (and bypass flag) for the lease.</summary>
    internal void Lease(TenantContextHolder holder)
    {
        if (_leased)
        {
            throw new InvalidOperationException("This context is already leased to another scope.");
        }
        _leased = true;
        _holder = holder;
        _tenant = holder.Current;
    }

    /// <summary>
    /// Ends the lease: the tenant is unbound first, then EF resets the context (change tracker, transaction rolled back,
    /// connection closed, so the next lease's first open binds its own tenant on PostgreSQL) and pools it. The reset is
    /// EF's synchronous one on purpose: the asynchronous one closes the connection but keeps its count of opens, so after
    /// a request that failed with the connection opened by hand, every later lease of the context would keep its
    /// connection open until it ends. With the connection closed, as a request normally leaves it, it does no I/O.
    /// </summary>
    internal void Return()
    {
        if (!_leased)
        {
            return;
        }
        _leased = false;
        _holder = null;
        _tenant = TenantContext.Anonymous;
        base.Dispose();
    }

    // A leased context goes back only through its scope's lease (DI disposes the scope's AppDbContext too): disposing it
    // while leased does nothing, so it can never be returned twice or while another scope holds it. Unleased (a context
    // made outside the pool, or one the full pool drops), it is disposed as usual.
    public override void Dispose()
    {
        if (!_leased)
        {
            base.Dispose();
        }
    }

    public override ValueTask DisposeAsync() => _leased ? ValueTask.CompletedTask : base.DisposeAsync();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        ApplyTenantFilters(modelBuilder);
        ModelConventions.Apply(modelBuilder);
    }

    private void ApplyTenantFilters(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            var row = Expression.Parameter(entity.ClrType, "row");
            var body = Expression.Equal(
                Expression.Property(row, nameof(ITenantOwned.TenantId)),
                Expression.Property(Expression.Constant(this), nameof(CurrentTenantId)));
            var builder = modelBuilder.Entity(entity.ClrType);
            builder.HasQueryFilter(TenantFilter, Expression.Lambda(body, row));
            builder.HasIndex(nameof(ITenantOwned.TenantId));
            // Deleting a tenant deletes every row it owns, in both databases.
            builder.HasOne(typeof(Tenant)).WithMany().HasForeignKey(nameof(ITenantOwned.TenantId)).OnDelete(DeleteBehavior.Cascade);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardTenantRows();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardTenantRows();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void GuardTenantRows()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    if (entry.Entity.TenantId == Guid.Empty)
                    {
                        entry.Entity.TenantId = CurrentTenantId;
                    }
                    else if (entry.Entity.TenantId != CurrentTenantId)
                    {
                        throw new TenantRequiredException($"Refusing to insert a {entry.Metadata.ClrType.Name} for another tenant.");
                    }
                    break;
                case EntityState.Modified or EntityState.Deleted:
                    var original = entry.Property(e => e.TenantId).OriginalValue;
                    if (original != CurrentTenantId || entry.Entity.TenantId != CurrentTenantId)
                    {
                        throw new TenantRequiredException($"Refusing to change a {entry.Metadata.ClrType.Name} of another tenant.");
                    }
                    break;
            }
        }
    }
}
