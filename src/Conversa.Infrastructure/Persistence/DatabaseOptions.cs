using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Conversa.Infrastructure.Persistence;

/// <summary>How <see cref="AppDbContext"/> connects: SQLite under the data dir, or PostgreSQL.</summary>
public static class DatabaseOptions
{
    private static readonly PostgresTenantSessionInterceptor TenantSession = new();

    public static void Configure(DbContextOptionsBuilder builder, ConversaOptions options, string? connectionOverride = null)
    {
        if (options.UsesPostgres)
        {
            builder.UseNpgsql(connectionOverride ?? options.Database);
            builder.AddInterceptors(TenantSession);
        }
        else
        {
            builder.UseSqlite(connectionOverride ?? SqliteConnectionString(options));
        }
        // Migrations are hand-written (no EF Design package here) and so have no model snapshot;
        // MigrationSchemaTests proves they produce the model's schema instead.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    public static string SqliteConnectionString(ConversaOptions options) =>
        $"Data Source={options.SqlitePath};Default Timeout=30;Pooling=True";
}
