using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Conversa.Infrastructure.Persistence;

/// <summary>
/// One writer at a time per SQLite file, queued in this process before SQLite's lock is asked for. SQLite has a single
/// write lock, and a writer that finds it taken waits inside SQLite (<see cref="SqliteBusyHandler"/>), sleeping on a
/// thread-pool thread — Microsoft.Data.Sqlite runs async calls synchronously — so under load every waiting write held
/// one of the few threads the turns and acknowledgements needed. Here a writer awaits its turn without a thread, in
/// arrival order, and then finds the lock free. What waits: every EF transaction (SQLite's are <c>BEGIN IMMEDIATE</c>,
/// which takes the write lock at once), every EF statement run outside one (<c>ExecuteUpdate</c>, <c>ExecuteSql</c>), and
/// writers on a raw connection that ask (<see cref="EnterAsync"/>). A transaction gives its turn back when it commits, rolls
/// back or is disposed (<see cref="SqliteGatedTransactionFactory"/>), a statement when it has run. Other processes on the same file, and writes
/// this gate does not see, still meet SQLite's lock and its busy handler, so the gate only orders; it is never needed
/// for correctness. A writer that waited as long as SQLite's busy timeout goes on to SQLite's lock regardless.
/// </summary>
internal sealed class SqliteWriteGate(TimeSpan timeout) : IDbTransactionInterceptor, IDbCommandInterceptor
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<sqlite3, Writer> Writers = [];

    /// <summary>Waits for this connection's database's turn; false when it is not a SQLite file or the wait timed out.</summary>
    public async ValueTask<bool> EnterAsync(DbConnection connection, CancellationToken cancellationToken) =>
        WriterOf(connection) is { } writer && await writer.EnterAsync(timeout, cancellationToken);

    /// <summary>Gives the turn back (nothing when this connection holds none).</summary>
    public static void Exit(DbConnection connection) => WriterOf(connection)?.Release();

    private bool Enter(DbConnection connection) => WriterOf(connection)?.Enter(timeout) ?? false;

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (result.HasResult || !Enter(connection))
        {
            return result;
        }
        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(connection.BeginTransaction(eventData.IsolationLevel));
        }
        catch
        {
            Exit(connection);
            throw;
        }
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        if (result.HasResult || !await EnterAsync(connection, cancellationToken))
        {
            return result;
        }
        try
        {
            // Begun here rather than by EF: a failed BEGIN has no interceptor event to give the turn back in.
            return InterceptionResult<DbTransaction>.SuppressWithResult(await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken));
        }
        catch
        {
            Exit(connection);
            throw;
        }
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (command.Transaction is null)
        {
            Enter(command.Connection!);
        }
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null)
        {
            await EnterAsync(command.Connection!, cancellationToken);
        }
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ExitStatement(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ExitStatement(command);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ExitStatement(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ExitStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ExitStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ExitStatement(command);
        return Task.CompletedTask;
    }

    /// <summary>A statement outside a transaction held the turn only for itself; one inside leaves it to the transaction.</summary>
    private static void ExitStatement(DbCommand command)
    {
        if (command.Transaction is null && command.Connection is { } connection)
        {
            Exit(connection);
        }
    }

    /// <summary>
    /// The native connection's writer, which knows its file's gate (null for an in-memory database: nothing to order);
    /// kept by a holder that outlives the open connection (EF may close it before a transaction's end is seen).
    /// </summary>
    public static Writer? WriterOf(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } sqlite ? Writers.GetValue(handle, _ => new Writer(GateOf(sqlite))) : null;

    private static SemaphoreSlim? GateOf(SqliteConnection connection) =>
        connection.DataSource is { Length: > 0 } file ? Gates.GetOrAdd(file, static _ => new SemaphoreSlim(1, 1)) : null;

    /// <summary>What one native connection holds: its file's gate once entered, or nothing.</summary>
    public sealed class Writer(SemaphoreSlim? gate)
    {
        private SemaphoreSlim? _held;

        /// <summary>False without waiting when there is nothing to order or this connection already holds the turn.</summary>
        public async ValueTask<bool> EnterAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
            CanEnter && await gate!.WaitAsync(timeout, cancellationToken) && Held();

        public bool Enter(TimeSpan timeout) => CanEnter && gate!.Wait(timeout) && Held();

        public void Release() => Interlocked.Exchange(ref _held, null)?.Release();

        private bool CanEnter => gate is not null && Volatile.Read(ref _held) is null;

        private bool Held()
        {
            Volatile.Write(ref _held, gate);
            return true;
        }
    }
}
