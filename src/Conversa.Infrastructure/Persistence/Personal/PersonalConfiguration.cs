using Conversa.Core.Identity;
using Conversa.Core.Personal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversa.Infrastructure.Persistence.Personal;

internal sealed class PersonalAppointmentConfiguration : IEntityTypeConfiguration<PersonalAppointment>
{
    public void Configure(EntityTypeBuilder<PersonalAppointment> builder)
    {
        builder.ToTable("personal_appointments");
        // Removing a user removes their private agenda with them.
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        // Every read is one user's appointments in a time window (lists, conflicts); it also serves the foreign key.
        builder.HasIndex(a => new { a.UserId, a.StartAt });
        builder.Property(a => a.Attendees)
            .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
    }
}

internal sealed class PersonalTaskConfiguration : IEntityTypeConfiguration<PersonalTask>
{
    public void Configure(EntityTypeBuilder<PersonalTask> builder)
    {
        builder.ToTable("personal_tasks");
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.UserId, t.DueAt });
    }
}

internal sealed class LinkedPhoneConfiguration : IEntityTypeConfiguration<LinkedPhone>
{
    public void Configure(EntityTypeBuilder<LinkedPhone> builder)
    {
        builder.ToTable("linked_phones");
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        // One number per user, and a number names one user of a tenant (another tenant may link the same one).
        // The user key includes the tenant too, so an import beside the original tenant never collides.
        builder.HasIndex(p => new { p.UserId, p.TenantId }).IsUnique();
        builder.HasIndex(p => new { p.TenantId, p.Phone }).IsUnique();
    }
}
