using System.Diagnostics;
using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Persistence;

/// <summary>
/// On SQLite a writer waits for another's transaction in the app's write gate, without a thread, rather than inside
/// SQLite on a blocked thread (Microsoft.Data.Sqlite runs async calls synchronously); the turn comes back on commit, on
/// rollback and when a transaction is dropped without either.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteWriteGateTests(SqliteFactory app)
{
    private static readonly TimeSpan Held = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_statement_waiting_for_a_transaction_returns_to_its_caller_at_once_and_writes_after_the_commit()
    {
        using var holderScope = app.Services.CreateScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var writerScope = app.Services.CreateScope();
        var writer = writerScope.ServiceProvider.GetRequiredService<AppDbContext>();
        await CreateProbeAsync(writer);
        await writer.Database.OpenConnectionAsync();

        await using var transaction = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlAsync($"INSERT INTO gate_probe VALUES ('holder')");
        var commit = Task.Run(async () =>
        {
            await Task.Delay(Held);
            await transaction.CommitAsync();
        });

        var calling = Stopwatch.StartNew();
        var write = writer.Database.ExecuteSqlAsync($"INSERT INTO gate_probe VALUES ('writer')");
        calling.Stop();

        calling.Elapsed.Should().BeLessThan(Held / 2, "the writer awaits its turn instead of blocking its thread in SQLite's busy handler");
        write.IsCompleted.Should().BeFalse("the holder's transaction has the write lock");
        await commit;
        (await write.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(1);
        (await ProbeAsync(writer)).Should().Equal("holder", "writer");
        await writer.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task Transactions_take_turns_and_a_rolled_back_one_gives_its_turn_back()
    {
        using var firstScope = app.Services.CreateScope();
        var first = firstScope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var secondScope = app.Services.CreateScope();
        var second = secondScope.ServiceProvider.GetRequiredService<AppDbContext>();
        await CreateProbeAsync(first);

        var held = await first.Database.BeginTransactionAsync();
        var calling = Stopwatch.StartNew();
        var next = second.Database.BeginTransactionAsync();
        calling.Stop();
        calling.Elapsed.Should().BeLessThan(Held / 2);
        await Task.Delay(200);
        next.IsCompleted.Should().BeFalse("the first transaction holds the turn");

        await held.RollbackAsync();
        await using (var transaction = await next.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            await second.Database.ExecuteSqlAsync($"INSERT INTO gate_probe VALUES ('second')");
            await transaction.CommitAsync();
        }
        await held.DisposeAsync();
        (await ProbeAsync(second)).Should().Equal("second");
    }

    [Fact]
    public async Task A_transaction_dropped_without_commit_or_rollback_gives_its_turn_back()
    {
        using var droppedScope = app.Services.CreateScope();
        var dropped = droppedScope.ServiceProvider.GetRequiredService<AppDbContext>();
        await CreateProbeAsync(dropped);
        await dropped.Database.OpenConnectionAsync();
        await using (await dropped.Database.BeginTransactionAsync())
        {
            await dropped.Database.ExecuteSqlAsync($"INSERT INTO gate_probe VALUES ('dropped')");
        }

        using var writerScope = app.Services.CreateScope();
        var writer = writerScope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Well under the gate's own timeout (30 s): SQLite's rollback, not the timeout, lets this writer in.
        await writer.Database.ExecuteSqlAsync($"INSERT INTO gate_probe VALUES ('writer')").WaitAsync(TimeSpan.FromSeconds(10));
        (await ProbeAsync(writer)).Should().Equal("writer");
        await dropped.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task A_failed_statement_gives_its_turn_back()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await CreateProbeAsync(db);
        var failing = () => db.Database.ExecuteSqlAsync($"INSERT INTO no_such_table VALUES (1)");
        await failing.Should().ThrowAsync<Exception>();

        await db.Database.ExecuteSqlAsync($"INSERT INTO gate_probe VALUES ('after')").WaitAsync(TimeSpan.FromSeconds(10));
        (await ProbeAsync(db)).Should().Equal("after");
    }

    private static async Task CreateProbeAsync(AppDbContext db)
    {
        await db.Database.ExecuteSqlAsync($"CREATE TABLE IF NOT EXISTS gate_probe (name TEXT)");
        await db.Database.ExecuteSqlAsync($"DELETE FROM gate_probe");
    }

    private static async Task<List<string>> ProbeAsync(AppDbContext db) =>
        await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM gate_probe ORDER BY rowid").ToListAsync();
}
