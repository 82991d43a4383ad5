using Conversa.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    public DbSet<Product> Products => Set<Product>();
    public DbSet<CatalogSnapshot> CatalogSnapshots => Set<CatalogSnapshot>();
    public DbSet<ShortLink> ShortLinks => Set<ShortLink>();
}
