using Conversa.Core.Channels.Chatwoot;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversa.Infrastructure.Persistence.Channels;

internal sealed class ChatwootChannelConfiguration : IEntityTypeConfiguration<ChatwootChannel>
{
    public void Configure(EntityTypeBuilder<ChatwootChannel> builder)
    {
        builder.ToTable("chatwoot_channels");
        // One Chatwoot connection per tenant; one install's account and inbox belong to one tenant. The routing key
        // leads, so the platform webhook's look-up by account and inbox (any install) uses the same index.
        builder.HasIndex(c => c.TenantId).IsUnique();
        builder.HasIndex(c => new { c.RoutingKey, c.BaseUrl }).IsUnique();
    }
}
