using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Conversa.Infrastructure.Persistence;

/// <summary>
/// Settings SQLite keeps per connection rather than in the file, applied once to each pooled connection when EF
/// first opens it. A writer that finds the database locked waits inside SQLite, retrying every millisecond
/// (<see cref="SqliteBusyHandler"/>; SQLite's own busy timeout if that cannot be installed), instead of
/// Microsoft.Data.Sqlite's fixed 150 ms sleeps (which made p99 under concurrent writes a multiple of 150 ms). <c>synchronous = NORMAL</c>: with the WAL journal (switched on at migration) a
/// commit no longer waits for an fsync of the log, only checkpoints do; the database stays consistent after any
/// crash, and a power cut can lose at most the last commits before it.
/// </summary>
internal sealed class SqliteConnectionSettings(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<sqlite3, object> _applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _applied.TryGetValue(handle, out _))
        {
            return;
        }
        if (!SqliteBusyHandler.TryInstall(handle, busyTimeoutMilliseconds))
        {
            raw.sqlite3_busy_timeout(handle, busyTimeoutMilliseconds);
        }
        using (var command = sqlite.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
        }
        _applied.AddOrUpdate(handle, this);
    }
}
