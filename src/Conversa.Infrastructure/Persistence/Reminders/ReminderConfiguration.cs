using Conversa.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversa.Infrastructure.Persistence.Reminders;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("reminders");
        builder.HasIndex(r => new { r.TenantId, r.Kind, r.SourceId }).IsUnique();
        // The scheduler's scan across tenants: pending rows in due order.
        builder.HasIndex(r => new { r.Status, r.DueAt });
    }
}
