using Conversa.Core.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    public DbSet<Reminder> Reminders => Set<Reminder>();
}
