using System.Data.Common;
using Conversa.Api.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Conversa.Api.Tests.Channels.Durability;

/// <summary>
/// The database a killed node and its successor share: the settings a server process gets for it, and counts the
/// test reads straight from the tables (also while no node is running).
/// </summary>
public abstract class NodeDatabase : IAsyncDisposable
{
    public abstract Task CreateAsync();

    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    protected abstract Task<DbConnection> OpenAsync();

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public abstract ValueTask DisposeAsync();
}

/// <summary>A PostgreSQL database of its own, used by the app role under row-level security as in production.</summary>
public sealed class PostgresNodeDatabase : NodeDatabase
{
    private readonly string _name = "conversa_kill_" + Guid.NewGuid().ToString("N")[..12];

    public override Task CreateAsync() => PostgresFactory.CreateDatabaseAsync(_name);

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["CONVERSA_DATABASE"] = Connection(PostgresFactory.AppRole),
        ["CONVERSA_MIGRATIONS_DATABASE"] = Connection(PostgresFactory.OwnerRole),
    };

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Connection(PostgresFactory.OwnerRole));
        await connection.OpenAsync();
        await using var bypass = new NpgsqlCommand("SELECT set_config('app.bypass_rls', 'on', false)", connection);
        await bypass.ExecuteNonQueryAsync();
        return connection;
    }

    public override async ValueTask DisposeAsync() => await PostgresFactory.DropDatabaseAsync(_name);

    private string Connection(string role) =>
        new NpgsqlConnectionStringBuilder(PostgresFactory.ServerConnectionString) { Username = role, Database = _name, Password = null }.ConnectionString;
}

/// <summary>The embedded default: <c>conversa.db</c> in the data directory both nodes are given.</summary>
public sealed class SqliteNodeDatabase(string dataDir) : NodeDatabase
{
    public override Task CreateAsync() => Task.CompletedTask;

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["CONVERSA_DATABASE"] = "sqlite" };

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "conversa.db")};Mode=ReadOnly;Pooling=False;Default Timeout=30");
        await connection.OpenAsync();
        return connection;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
