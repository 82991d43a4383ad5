using Conversa.Core.Channels;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    public DbSet<WhatsAppChannel> WhatsAppChannels => Set<WhatsAppChannel>();
}
