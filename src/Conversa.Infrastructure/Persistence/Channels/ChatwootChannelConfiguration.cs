using Conversa.Core.Channels.Chatwoot;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversa.Infrastructure.Persistence.Channels;

internal sealed class ChatwootChannelConfiguration : IEntityTypeConfiguration<ChatwootChannel>
{
    public void Configure(EntityTypeBuilder<ChatwootChannel> builder)
    {
        builder.ToTable("chatwoot_channels");
        // One Chatwoot connection per tenant; a webhook names only account and inbox, so those belong to one tenant.
        builder.HasIndex(c => c.TenantId).IsUnique();
        builder.HasIndex(c => c.RoutingKey).IsUnique();
    }
}
