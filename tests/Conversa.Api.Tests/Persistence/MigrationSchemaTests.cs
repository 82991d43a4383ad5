using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversa.Api.Tests.Persistence;

/// <summary>
/// The hand-written migrations must build exactly the schema the model describes: the app's migrated
/// database is compared, table by table, with one created from the model by EnsureCreated.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(Support.SqliteFactory app)
    {
        [Fact]
        public async Task Migrations_build_the_models_schema()
        {
            _ = app.Services; // starts the app, which migrates
            var fromModel = Path.Combine(app.DataDir, "from-model.db");
            await using (var db = Context(new ConversaOptions { DataDir = app.DataDir }, $"Data Source={fromModel}"))
            {
                await db.Database.EnsureCreatedAsync();
            }
            var migrated = WithoutEfTables(await SqliteSchema(Path.Combine(app.DataDir, "conversa.db")));
            var expected = WithoutEfTables(await SqliteSchema(fromModel));
            migrated.Should().BeEquivalentTo(expected);
            expected.Should().Contain(c => c.StartsWith("users.tenant_id", StringComparison.Ordinal));
        }

        private static async Task<List<string>> SqliteSchema(string path)
        {
            var rows = new List<string>();
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new SqliteCommand(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }
            foreach (var table in tables)
            {
                await using var info = new SqliteCommand($"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')", connection);
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add($"{table}.{reader.GetString(0)} {reader.GetString(1)} notnull={reader.GetInt64(2)} pk={reader.GetInt64(3)}");
                }
                await using var indexes = new SqliteCommand($"SELECT name, \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'", connection);
                await using var indexReader = await indexes.ExecuteReaderAsync();
                while (await indexReader.ReadAsync())
                {
                    rows.Add($"index {indexReader.GetString(0)} unique={indexReader.GetInt64(1)}");
                }
            }
            return rows;
        }
    }

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresFactory app)
    {
        [Fact]
        public async Task Migrations_build_the_models_schema()
        {
            _ = app.Services;
            var database = "conversa_model_" + Guid.NewGuid().ToString("N")[..12];
            await PostgresFactory.CreateDatabaseAsync(database);
            var modelConnection = new NpgsqlConnectionStringBuilder(app.OwnerConnectionString) { Database = database }.ConnectionString;
            try
            {
                await using (var db = Context(new ConversaOptions { Database = modelConnection }, modelConnection))
                {
                    await db.Database.EnsureCreatedAsync();
                }
                var migrated = WithoutEfTables(await PostgresSchema(app.OwnerConnectionString));
                var expected = WithoutEfTables(await PostgresSchema(modelConnection));
                // The booking migration adds PostgreSQL-only SQL the EF model cannot describe: the exclusion constraint
                // against double booking (and the GiST index behind it). Check it is there, then compare everything else.
                var noOverlap = migrated.Where(r => r.StartsWith("index ex_bookings_no_overlap:", StringComparison.Ordinal)).ToList();
                noOverlap.Should().ContainSingle().Which.Should().Contain("USING gist").And.Contain("tstzrange(start_at, blocked_until");
                migrated.Except(noOverlap).Should().BeEquivalentTo(expected);
            }
            finally
            {
                await PostgresFactory.DropDatabaseAsync(database);
            }
        }

        private static async Task<List<string>> PostgresSchema(string connectionString)
        {
            var rows = new List<string>();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var columns = new NpgsqlCommand("""
                SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
                """, connection))
            await using (var reader = await columns.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add($"{reader.GetString(0)}.{reader.GetString(1)} {reader.GetString(2)} nullable={reader.GetString(3)}");
                }
            }
            await using (var indexes = new NpgsqlCommand(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'", connection))
            await using (var reader = await indexes.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add($"index {reader.GetString(0)}: {reader.GetString(1)}");
                }
            }
            await using (var keys = new NpgsqlCommand(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('f','p','u')", connection))
            await using (var reader = await keys.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add($"constraint {reader.GetString(0)}: {reader.GetString(1)}");
                }
            }
            return rows;
        }
    }

    /// <summary>EF's own bookkeeping (__EFMigrationsHistory, __EFMigrationsLock) exists only where migrations ran.</summary>
    private static List<string> WithoutEfTables(List<string> rows) =>
        rows.Where(r => !r.Contains("__EF", StringComparison.Ordinal)).ToList();

    private static AppDbContext Context(ConversaOptions options, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseOptions.Configure(builder, options, connectionString);
        return new AppDbContext(builder.Options);
    }
}
