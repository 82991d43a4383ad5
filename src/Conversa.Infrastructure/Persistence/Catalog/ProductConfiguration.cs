using Conversa.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversa.Infrastructure.Persistence.Catalog;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.HasIndex(p => new { p.TenantId, p.Sku }).IsUnique();
        // SQLite has no decimal: prices are whole ten-thousandths in a bigint on both databases, exact and natively ordered.
        builder.Property(p => p.Price).HasConversion(v => Money.ToStored(v), v => Money.FromStored(v));
    }
}

internal sealed class CatalogSnapshotConfiguration : IEntityTypeConfiguration<CatalogSnapshot>
{
    public void Configure(EntityTypeBuilder<CatalogSnapshot> builder) => builder.ToTable("catalog_snapshots");
}

internal sealed class ShortLinkConfiguration : IEntityTypeConfiguration<ShortLink>
{
    public void Configure(EntityTypeBuilder<ShortLink> builder)
    {
        builder.ToTable("short_links");
        // /l/{code} names no tenant, so a code is unique across the platform.
        builder.HasIndex(l => l.Code).IsUnique();
    }
}
