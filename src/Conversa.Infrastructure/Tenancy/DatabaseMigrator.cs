using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Applies migrations as the schema owner and, on PostgreSQL, grants the application role (which must not
/// own the tables, so row-level security binds it) the rights it needs. On SQLite it switches on WAL.
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(ConversaOptions options, CancellationToken cancellationToken = default)
    {
        if (!options.UsesPostgres)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.SqlitePath)!);
        }
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseOptions.Configure(builder, options, options.UsesPostgres ? options.MigrationsDatabase ?? options.Database : null);
        await using var db = new AppDbContext(builder.Options);
        await db.Database.MigrateAsync(cancellationToken);

        if (!options.UsesPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            return;
        }

        var appRole = new NpgsqlConnectionStringBuilder(options.Database).Username;
        var ownerRole = new NpgsqlConnectionStringBuilder(options.MigrationsDatabase ?? options.Database).Username;
        if (!string.IsNullOrEmpty(appRole) && appRole != ownerRole)
        {
            var role = "\"" + appRole.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            // A role name cannot be a parameter; it is quoted as an identifier above.
            var grants = $"""
                GRANT USAGE ON SCHEMA public TO {role};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
                """;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await db.Database.ExecuteSqlRawAsync(grants, cancellationToken);
                    break;
                }
                catch (PostgresException e) when (e.SqlState == "XX000" && attempt < 5)
                {
                    // Two nodes starting at once grant on the same tables: "tuple concurrently updated". Granting again is harmless.
                    await Task.Delay(100 * attempt, cancellationToken);
                }
            }
        }
    }
}
