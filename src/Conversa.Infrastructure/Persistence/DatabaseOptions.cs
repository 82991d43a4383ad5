using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Conversa.Infrastructure.Persistence;

/// <summary>How <see cref="AppDbContext"/> connects: SQLite under the data dir, or PostgreSQL.</summary>
public static class DatabaseOptions
{
    /// <summary>As long as a command may wait for a lock (the connection string's <c>Default Timeout</c>).</summary>
    private const int SqliteTimeoutSeconds = 30;

    private static readonly PostgresTenantSessionInterceptor TenantSession = new();
    private static readonly SqliteConnectionSettings SqliteSettings = new(SqliteTimeoutSeconds * 1000);

    /// <summary>Orders the writers of every SQLite file this process opens (the gates are kept per file).</summary>
    internal static readonly SqliteWriteGate SqliteWriters = new(TimeSpan.FromSeconds(SqliteTimeoutSeconds));

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
            builder.AddInterceptors(SqliteSettings, SqliteWriters);
            builder.ReplaceService<IRelationalTransactionFactory, SqliteGatedTransactionFactory>();
        }
        // Migrations are hand-written (no EF Design package here) and so have no model snapshot;
        // MigrationSchemaTests proves they produce the model's schema instead.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    public static string SqliteConnectionString(ConversaOptions options) =>
        $"Data Source={options.SqlitePath};Default Timeout={SqliteTimeoutSeconds};Pooling=True";
}
