using Conversa.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<TenantSecret> TenantSecrets => Set<TenantSecret>();
}
