using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Conversa.Infrastructure.Persistence;

/// <summary>
/// EF's transactions on SQLite, which give <see cref="SqliteWriteGate"/>'s turn back when they end however they end:
/// committed, rolled back, or disposed without either (a turn that found a duplicate returns from inside its
/// <c>using</c>). EF has no interceptor event for a disposal, and SQLite's rollback hook is taken by Microsoft.Data.Sqlite.
/// </summary>
internal sealed class SqliteGatedTransactionFactory(RelationalTransactionFactoryDependencies dependencies) : RelationalTransactionFactory(dependencies)
{
    public override RelationalTransaction Create(
        IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned) =>
        new GatedTransaction(connection, transaction, transactionId, logger, transactionOwned, Dependencies.SqlGenerationHelper);

    private sealed class GatedTransaction(
        IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned, ISqlGenerationHelper sqlGenerationHelper)
        : RelationalTransaction(connection, transaction, transactionId, logger, transactionOwned, sqlGenerationHelper)
    {
        // Taken now: EF closes a connection it opened for the transaction before Commit, Rollback or Dispose return.
        private readonly SqliteWriteGate.Writer? _writer = SqliteWriteGate.WriterOf(connection.DbConnection);

        public override void Commit() => Releasing(base.Commit);

        public override Task CommitAsync(CancellationToken cancellationToken = default) => ReleasingAsync(() => base.CommitAsync(cancellationToken));

        public override void Rollback() => Releasing(base.Rollback);

        public override Task RollbackAsync(CancellationToken cancellationToken = default) => ReleasingAsync(() => base.RollbackAsync(cancellationToken));

        public override void Dispose()
        {
            try
            {
                base.Dispose();
            }
            finally
            {
                _writer?.Release();
            }
        }

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await base.DisposeAsync();
            }
            finally
            {
                _writer?.Release();
            }
        }

        // At the commit or rollback, not only at the disposal: code may go on writing elsewhere before it leaves the using.
        private void Releasing(Action end)
        {
            try
            {
                end();
            }
            finally
            {
                _writer?.Release();
            }
        }

        private async Task ReleasingAsync(Func<Task> end)
        {
            try
            {
                await end();
            }
            finally
            {
                _writer?.Release();
            }
        }
    }
}
