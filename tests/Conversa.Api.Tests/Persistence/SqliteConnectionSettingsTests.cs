using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Persistence;

/// <summary>
/// Every SQLite connection the app opens waits for a locked database inside SQLite (not in 150 ms sleeps) and commits
/// without an fsync per transaction (WAL with synchronous NORMAL).
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
            (await PragmaAsync(db, "busy_timeout")).Should().Be(30_000);
            (await PragmaAsync(db, "synchronous")).Should().Be(1, "1 is NORMAL");
            (await PragmaAsync(db, "journal_mode")).Should().Be("wal");
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> PragmaAsync(AppDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        var value = await command.ExecuteScalarAsync();
        return value is long number ? (int)number : value;
    }
}
