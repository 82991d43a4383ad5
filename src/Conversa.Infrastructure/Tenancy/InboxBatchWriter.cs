using System.Text.Json;
using System.Threading.Channels;
using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Group commit for webhook acknowledgements: deliveries arriving while a commit is in progress are written together in
/// the next transaction (one scope, one context, one commit for up to <see cref="MaxBatch"/>), and each caller is
/// answered only after the commit that holds its rows. A lone delivery is written at once, so nothing waits for company.
/// Should a batch fail, each of its deliveries is written on its own, so one bad delivery fails only its own request.
/// </summary>
internal sealed class InboxBatchWriter : IAsyncDisposable
{
    public const int MaxBatch = 64;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _loop;

    public InboxBatchWriter(IServiceScopeFactory scopes, ILogger logger)
    {
        _scopes = scopes;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    private sealed record Pending(Guid DeliveryId, InboxDelivery Delivery, IReadOnlyList<InboxItem> Items, DateTime Now, TaskCompletionSource<int> Stored);

    /// <summary>Writes the delivery and its items; returns how many items were new, once they are committed.</summary>
    public async Task<int> WriteAsync(InboxDelivery delivery, IReadOnlyList<InboxItem> items, DateTime now, CancellationToken cancellationToken)
    {
        var pending = new Pending(Guid.CreateVersion7(), delivery, items, now, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
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
            try
            {
                var stored = await WriteBatchAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Stored.TrySetResult(stored[i]);
                }
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
                batch[0].Stored.TrySetException(e);
            }
            batch.Clear();
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            pending.Stored.TrySetResult((await WriteBatchAsync([pending]))[0]);
        }
        catch (Exception e)
        {
            pending.Stored.TrySetException(e);
        }
    }

    private async Task<int[]> WriteBatchAsync(List<Pending> batch)
    {
        var stored = new int[batch.Count];
        await using var scope = _scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().BypassTenancy = true;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < batch.Count; i++)
        {
            var (deliveryId, delivery, items, now, _) = batch[i];
            var headers = JsonSerializer.Serialize(delivery.Headers);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO webhook_deliveries (id, channel, headers, body, received_at)
                VALUES ({deliveryId}, {delivery.Channel}, {headers}, {delivery.RawBody}, {now})
                """);
            for (var j = 0; j < items.Count; j++)
            {
                var item = items[j];
                var status = item.TenantId is null ? "ignored" : "pending";
                // A microsecond apart (PostgreSQL's resolution), so created_at orders a delivery's items as they came.
                var createdAt = now.AddTicks(10 * j);
                // A redelivery (in this batch, another one, or racing on another node) finds the key taken and stores nothing.
                stored[i] += await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO inbox_items (id, delivery_id, channel, dedup_key, tenant_id, kind, payload, status, attempts, created_at)
                    VALUES ({Guid.CreateVersion7()}, {deliveryId}, {item.Channel}, {item.Key}, {item.TenantId}, {item.Kind}, {item.Payload}, {status}, 0, {createdAt})
                    ON CONFLICT (channel, dedup_key) DO NOTHING
                    """);
            }
        }
        await transaction.CommitAsync();
        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
