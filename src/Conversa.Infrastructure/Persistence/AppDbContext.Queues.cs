using Conversa.Core.Channels;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<InboxEntry> InboxEntries => Set<InboxEntry>();
    public DbSet<OutboxEntry> OutboxEntries => Set<OutboxEntry>();
}
