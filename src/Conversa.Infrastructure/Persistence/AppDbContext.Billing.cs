using Conversa.Core.Billing;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<UsageCounter> UsageCounters => Set<UsageCounter>();
}
