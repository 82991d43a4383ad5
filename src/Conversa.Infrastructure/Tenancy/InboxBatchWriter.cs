using System.Data.Common;
using System.Threading.Channels;
using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Group commit for webhook acknowledgements: deliveries arriving while a commit is in progress are written together in
/// the next transaction (one commit for up to <see cref="MaxBatch"/>, on a connection the writer keeps open), and each caller is
/// answered only after the commit that holds its rows. A lone delivery is written at once, so nothing waits for company.
/// Should a batch fail, each of its deliveries is written on its own, so one bad delivery fails only its own request.
/// After a commit, the items stored claimed for this node's worker are handed to it (<see cref="InboxHandOff"/>) in
/// arrival order, from this one loop, so one customer's items start in the order they came.
/// </summary>
internal sealed class InboxBatchWriter : IAsyncDisposable
{
    public const int MaxBatch = 64;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _loop;
    private WriterSession? _session;

    public InboxBatchWriter(IServiceScopeFactory scopes, ILogger logger)
    {
        _scopes = scopes;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    private sealed record Pending(InboxBatchInsert.Delivery Delivery, TaskCompletionSource<Written> Stored);

    /// <summary>What a delivery's write stored: how many of its items were new, and whether any of those waits to be claimed.</summary>
    public readonly record struct Written(int Stored, bool LeftUnclaimed);

    /// <summary>Writes the delivery and its items (claimed as <paramref name="ticket"/> says); returns once they are committed.</summary>
    public async Task<Written> WriteAsync(
        InboxDelivery delivery, IReadOnlyList<InboxItem> items, DateTime now, InboxHandOff.Ticket ticket, CancellationToken cancellationToken)
    {
        var pending = new Pending(new InboxBatchInsert.Delivery(Guid.CreateVersion7(), delivery, items, now, ticket),
            new TaskCompletionSource<Written>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch
        {
            // Never written: the reservation is given back.
            ticket.Finish([]);
            throw;
        }
        // Once queued it is written whatever the caller does next; a caller that gave up is answered by the redelivery.
        return await pending.Stored.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            List<int>[]? stored = null;
            try
            {
                stored = await WriteBatchAsync(batch);
            }
            catch (Exception e) when (batch.Count > 1)
            {
                _logger.LogWarning(e, "An inbox batch of {Count} deliveries failed; writing them one by one", batch.Count);
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending);
                }
            }
            catch (Exception e)
            {
                Failed(batch[0], e);
            }
            if (stored is not null)
            {
                foreach (var i in Enumerable.Range(0, batch.Count).OrderBy(i => batch[i].Delivery.ReceivedAt))
                {
                    Committed(batch[i], stored[i]);
                }
            }
            batch.Clear();
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        List<int> stored;
        try
        {
            stored = (await WriteBatchAsync([pending]))[0];
        }
        catch (Exception e)
        {
            Failed(pending, e);
            return;
        }
        Committed(pending, stored);
    }

    /// <summary>Hands the new items stored claimed to the worker, then answers the caller.</summary>
    private void Committed(Pending pending, List<int> stored)
    {
        var delivery = pending.Delivery;
        var claimed = stored.Where(p => delivery.Ticket.Claims(delivery.Items[p]))
            .Select(p => new InboxStore.Claimed(delivery.ItemIds[p], delivery.Items[p].TenantId!.Value, delivery.Items[p].Channel,
                delivery.Items[p].Key, delivery.Items[p].Kind, delivery.Items[p].Payload, Attempts: 1, delivery.CreatedAt(p)))
            .ToList();
        try
        {
            delivery.Ticket.Finish(claimed);
        }
        catch (Exception e)
        {
            // Committed all the same: the items come back when their lease runs out.
            _logger.LogError(e, "Handing {Count} accepted inbox items to this node's worker failed", claimed.Count);
        }
        var waiting = stored.Count(p => delivery.Items[p].TenantId is not null) - claimed.Count;
        pending.Stored.TrySetResult(new Written(stored.Count, waiting > 0));
    }

    private static void Failed(Pending pending, Exception e)
    {
        pending.Delivery.Ticket.Finish([]);
        pending.Stored.TrySetException(e);
    }

    private async Task<List<int>[]> WriteBatchAsync(List<Pending> batch)
    {
        var session = _session ??= await WriterSession.OpenAsync(_scopes);
        try
        {
            // A raw transaction, unseen by EF's interceptors: it asks SQLite's write gate itself (nothing on PostgreSQL).
            await DatabaseOptions.SqliteWriters.EnterAsync(session.Connection, CancellationToken.None);
            try
            {
                await using var transaction = await session.Connection.BeginTransactionAsync();
                var stored = await new InboxBatchInsert(session.Mappings, session.Connection, transaction).WriteAsync(batch.ConvertAll(p => p.Delivery));
                await transaction.CommitAsync();
                return stored;
            }
            finally
            {
                SqliteWriteGate.Exit(session.Connection);
            }
        }
        catch
        {
            // A broken connection is not reused: the next batch opens a new one.
            _session = null;
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The writer's own scope, context and open connection, kept from batch to batch: it runs only plain SQL, so the
    /// context tracks nothing, and opening a scope, a context and a connection per batch cost more than the batch's
    /// inserts when batches are small.
    /// </summary>
    private sealed class WriterSession(AsyncServiceScope scope, AppDbContext db) : IAsyncDisposable
    {
        public DbConnection Connection { get; } = db.Database.GetDbConnection();
        public IRelationalTypeMappingSource Mappings { get; } = db.GetService<IRelationalTypeMappingSource>();

        public static async Task<WriterSession> OpenAsync(IServiceScopeFactory scopes)
        {
            var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync();
            return new WriterSession(scope, db);
        }

        /// <summary>Disposing the scope disposes the context, which closes the connection it opened.</summary>
        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        if (_session is { } session)
        {
            await session.DisposeAsync();
        }
    }
}
