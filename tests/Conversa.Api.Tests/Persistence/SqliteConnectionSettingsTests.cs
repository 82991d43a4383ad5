using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Persistence;

/// <summary>
/// Every SQLite connection the app opens waits for a locked database inside SQLite, looking again every millisecond
/// (not in 150 ms sleeps, nor SQLite's own backing-off ones), and commits without an fsync per transaction (WAL with
/// synchronous NORMAL).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteConnectionSettingsTests(SqliteFactory app)
{
    [Fact]
    public async Task Every_connection_waits_inside_sqlite_and_commits_without_an_fsync()
    {
        // Several contexts in a row: pooled connections are reused, and each must carry the settings.
        for (var i = 0; i < 3; i++)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync();
            (await PragmaAsync(db, "busy_timeout")).Should().Be(0, "the millisecond busy handler replaces SQLite's busy timeout");
            (await PragmaAsync(db, "synchronous")).Should().Be(1, "1 is NORMAL");
            (await PragmaAsync(db, "journal_mode")).Should().Be("wal");
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task A_writer_that_finds_the_database_locked_waits_for_the_lock_and_then_writes()
    {
        using var holderScope = app.Services.CreateScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<AppDbContext>();
        await holder.Database.OpenConnectionAsync();
        await using (var begin = holder.Database.GetDbConnection().CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }

        using var writerScope = app.Services.CreateScope();
        var writer = writerScope.ServiceProvider.GetRequiredService<AppDbContext>();
        await writer.Database.OpenConnectionAsync();
        var write = Task.Run(async () =>
        {
            await using var command = writer.Database.GetDbConnection().CreateCommand();
            command.CommandText = "CREATE TABLE IF NOT EXISTS busy_probe (id INTEGER); INSERT INTO busy_probe VALUES (1);";
            await command.ExecuteNonQueryAsync();
        });
        await Task.Delay(300);
        write.IsCompleted.Should().BeFalse("the other connection holds the write lock");

        await using (var commit = holder.Database.GetDbConnection().CreateCommand())
        {
            commit.CommandText = "COMMIT;";
            await commit.ExecuteNonQueryAsync();
        }
        await write.WaitAsync(TimeSpan.FromSeconds(10));
        await holder.Database.CloseConnectionAsync();
        await writer.Database.CloseConnectionAsync();
    }

    [Fact]
    public void The_millisecond_busy_handler_installs_on_the_bundled_library()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        SqliteBusyHandler.TryInstall(connection.Handle!, 1000).Should().BeTrue();
    }

    private static async Task<object?> PragmaAsync(AppDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        var value = await command.ExecuteScalarAsync();
        return value is long number ? (int)number : value;
    }
}
