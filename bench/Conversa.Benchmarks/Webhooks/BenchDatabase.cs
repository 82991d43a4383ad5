using Npgsql;

namespace Conversa.Benchmarks.Webhooks;

/// <summary>
/// Where a run's app keeps its data: the embedded SQLite default, or a throwaway PostgreSQL database (on the server in
/// <c>CONVERSA_TEST_POSTGRES</c>) owned by <c>conversa_owner</c>, who migrates it, and used by <c>conversa_app</c>, which
/// owns nothing, so row-level security binds it as in production. Dropped on dispose, unless <c>BENCH_KEEP_DB=1</c>
/// keeps it to be inspected with psql after the run.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private const string OwnerRole = "conversa_owner";
    private const string AppRole = "conversa_app";

    private readonly string? _server;
    private readonly string? _database;

    private BenchDatabase(string name, IReadOnlyDictionary<string, string> settings, string? server = null, string? database = null)
    {
        Name = name;
        Settings = settings;
        _server = server;
        _database = database;
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable("CONVERSA_TEST_POSTGRES");

    public static BenchDatabase Sqlite() => new("SQLite", new Dictionary<string, string>());

    public static async Task<BenchDatabase> PostgresAsync(string server)
    {
        var database = "conversa_bench_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OwnerRole}') THEN CREATE ROLE {OwnerRole} LOGIN; END IF;
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AppRole}') THEN CREATE ROLE {AppRole} LOGIN; END IF;
                END $$;
                """);
            await ExecuteAsync(connection, $"CREATE DATABASE {database} OWNER {OwnerRole}");
        }
        return new BenchDatabase("PostgreSQL", new Dictionary<string, string>
        {
            ["Conversa:Database"] = Connection(server, AppRole, database),
            ["Conversa:MigrationsDatabase"] = Connection(server, OwnerRole, database),
        }, server, database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null || Environment.GetEnvironmentVariable("BENCH_KEEP_DB") == "1")
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    private static string Connection(string server, string role, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Username = role, Database = database, Password = null }.ConnectionString;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
