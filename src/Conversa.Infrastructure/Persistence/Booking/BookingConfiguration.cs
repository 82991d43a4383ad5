using Conversa.Core.Booking;
using Conversa.Core.Catalog;
using Conversa.Core.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Conversa.Infrastructure.Persistence.Booking;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("contacts");
        // One contact per phone in a tenant (null phones do not collide on either database).
        builder.HasIndex(c => new { c.TenantId, c.Phone }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.Email });
        builder.HasIndex(c => new { c.TenantId, c.ExternalRef }).IsUnique();
    }
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.ToTable("services");
        builder.HasIndex(s => new { s.TenantId, s.Slug }).IsUnique();
        // Exact decimals as whole ten-thousandths, as for products (see Money).
        builder.Property(s => s.Price).HasConversion(new ValueConverter<decimal, long>(v => Money.ToStored(v), v => Money.FromStored(v)));
    }
}

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> builder) => builder.ToTable("providers");
}

internal sealed class ProviderServiceConfiguration : IEntityTypeConfiguration<ProviderService>
{
    public void Configure(EntityTypeBuilder<ProviderService> builder)
    {
        builder.ToTable("provider_services");
        builder.HasIndex(ps => new { ps.TenantId, ps.ProviderId, ps.ServiceId }).IsUnique();
        builder.HasIndex(ps => ps.ServiceId);
        builder.HasOne<Provider>().WithMany().HasForeignKey(ps => ps.ProviderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Service>().WithMany().HasForeignKey(ps => ps.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Core.Booking.Booking>
{
    /// <summary>The PostgreSQL exclusion constraint that makes double booking impossible (created by the migration).</summary>
    public const string NoOverlapConstraint = "ex_bookings_no_overlap";

    public void Configure(EntityTypeBuilder<Core.Booking.Booking> builder)
    {
        builder.ToTable("bookings");
        builder.HasIndex(b => new { b.TenantId, b.ProviderId, b.StartAt });
        builder.HasIndex(b => new { b.TenantId, b.StartAt });
        builder.HasIndex(b => b.ContactId);
        builder.HasIndex(b => b.ServiceId);
        builder.Property(b => b.Status).HasConversion(v => v.Name(), v => Parse(v));
        builder.Property(b => b.Version).IsConcurrencyToken();
        // Services and providers are deactivated, not deleted, while bookings name them; contacts stay with their bookings.
        // NO ACTION (checked at the end of the statement), not RESTRICT, so deleting a tenant cascades through all of them.
        builder.HasOne<Service>().WithMany().HasForeignKey(b => b.ServiceId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Provider>().WithMany().HasForeignKey(b => b.ProviderId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Contact>().WithMany().HasForeignKey(b => b.ContactId).OnDelete(DeleteBehavior.NoAction);
    }

    private static BookingStatus Parse(string name) =>
        BookingStatuses.TryParse(name, out var status) ? status : throw new InvalidOperationException($"Unknown booking status '{name}'.");
}
