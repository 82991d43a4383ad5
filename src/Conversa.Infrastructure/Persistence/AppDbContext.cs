using System.Linq.Expressions;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

/// <summary>
/// The one door to the database. It captures the scope's <see cref="TenantContext"/> when it is created;
/// every <see cref="ITenantOwned"/> entity gets the named query filter <see cref="TenantFilter"/>, is stamped
/// with the tenant on insert, and a save that touches another tenant's row throws.
/// </summary>
public sealed partial class AppDbContext : DbContext
{
    public const string TenantFilter = "tenant";

    private readonly TenantContextHolder _holder;
    private readonly TenantContext _tenant;

    public AppDbContext(DbContextOptions<AppDbContext> options, TenantContextHolder holder)
        : base(options)
    {
        _holder = holder;
        _tenant = holder.Current;
    }

    public TenantContext Tenant => _tenant;

    /// <summary>The tenant every query and save is confined to. Reading it without a tenant is a bug.</summary>
    public Guid CurrentTenantId => _tenant.TenantId ?? throw new TenantRequiredException(
        "Tenant-owned data was accessed without a tenant. Use TenantScope.RunAsync for work outside a request.");

    internal bool BypassTenancy => _holder.BypassTenancy;

    /// <summary>The tenant the PostgreSQL session is bound to for row-level security, or null.</summary>
    internal Guid? SessionTenantId => _tenant.TenantId;

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
