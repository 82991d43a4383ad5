using Conversa.Core.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversa.Infrastructure.Persistence.Channels;

internal sealed class WhatsAppChannelConfiguration : IEntityTypeConfiguration<WhatsAppChannel>
{
    public void Configure(EntityTypeBuilder<WhatsAppChannel> builder)
    {
        builder.ToTable("whatsapp_channels");
        // Meta's webhooks name the number, not the tenant: one number belongs to one tenant on the whole platform.
        builder.HasIndex(c => c.PhoneNumberId).IsUnique();
        builder.HasIndex(c => c.TenantId, "ix_whatsapp_channels_one_per_tenant").IsUnique();
    }
}
