using Conversa.Core.Channels;
using Conversa.Core.Conversations;
using Conversa.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Conversa.Infrastructure.Persistence.Channels;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasIndex(d => d.ReceivedAt);
    }
}

internal sealed class InboxEntryConfiguration : IEntityTypeConfiguration<InboxEntry>
{
    public void Configure(EntityTypeBuilder<InboxEntry> builder)
    {
        builder.ToTable("inbox_items");
        builder.HasIndex(i => new { i.Channel, i.DedupKey }).IsUnique();
        // The worker's scan across tenants: pending entries whose lease or backoff ran out.
        builder.HasIndex(i => new { i.Status, i.ClaimedUntil });
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(i => i.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        // A deleted tenant's inbound messages go with it, as its tenant-owned data does.
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.TenantId);
    }
}

internal sealed class OutboxEntryConfiguration : IEntityTypeConfiguration<OutboxEntry>
{
    public void Configure(EntityTypeBuilder<OutboxEntry> builder)
    {
        builder.ToTable("outbox_messages");
        // Lowercase names as every other enum column (the model-wide convention covers non-nullable enums only).
        builder.Property(o => o.ConversationChannel).HasConversion(new ValueConverter<ConversationChannel, string>(
            v => v.ToString().ToLowerInvariant(), v => Enum.Parse<ConversationChannel>(v, true)));
        // The sender's scan across tenants: pending rows in due order.
        builder.HasIndex(o => new { o.Status, o.DueAt });
    }
}
