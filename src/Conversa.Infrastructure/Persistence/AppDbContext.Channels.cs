using Conversa.Core.Channels.Chatwoot;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    public DbSet<ChatwootChannel> ChatwootChannels => Set<ChatwootChannel>();
}
