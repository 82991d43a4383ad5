using Npgsql;

namespace Conversa.Api.Tests.Support;

/// <summary>
/// The app on a real PostgreSQL: a fresh database owned by <c>conversa_owner</c> (who runs migrations),
/// used by <c>conversa_app</c>, which owns nothing, so row-level security binds it as in production.
/// The server comes from <c>CONVERSA_TEST_POSTGRES</c> (set by scripts/test.sh).
/// </summary>
public class PostgresFactory : ConversaFactory
{
    public const string OwnerRole = "conversa_owner";
    public const string AppRole = "conversa_app";

    private readonly string _database = "conversa_test_" + Guid.NewGuid().ToString("N")[..16];
    private Dictionary<string, string?> _settings = [];

    public override string Kind => "postgres";

    protected override IReadOnlyDictionary<string, string?> DatabaseSettings => _settings;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("CONVERSA_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "CONVERSA_TEST_POSTGRES is not set. Run ./scripts/test.sh, which starts a throwaway PostgreSQL and sets it.");

    public string AppConnectionString => Connection(AppRole, _database);

    public string OwnerConnectionString => Connection(OwnerRole, _database);

    public override async Task InitializeAsync()
    {
        await CreateDatabaseAsync(_database);
        _settings = new Dictionary<string, string?>
        {
            ["Conversa:Database"] = AppConnectionString,
            ["Conversa:MigrationsDatabase"] = OwnerConnectionString,
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync(_database);
    }

    private static readonly SemaphoreSlim RolesLock = new(1, 1);
    private static bool _rolesExist;

    /// <summary>Creates the two roles once per test run (collections start in parallel) and an empty database owned by the owner role.</summary>
    public static async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await RolesLock.WaitAsync();
        try
        {
            if (!_rolesExist)
            {
                await Execute(connection, $"""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OwnerRole}') THEN CREATE ROLE {OwnerRole} LOGIN; END IF;
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AppRole}') THEN CREATE ROLE {AppRole} LOGIN; END IF;
                    END $$;
                    """);
                _rolesExist = true;
            }
        }
        finally
        {
            RolesLock.Release();
        }
        await Execute(connection, $"CREATE DATABASE {database} OWNER {OwnerRole}");
    }

    public static async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await Execute(connection, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    private static string Connection(string role, string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Username = role, Database = database, Password = null };
        return builder.ConnectionString;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFactory>
{
    public const string Name = "postgres";
}
