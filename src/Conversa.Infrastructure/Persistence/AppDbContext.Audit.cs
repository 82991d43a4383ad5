using Conversa.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
}
