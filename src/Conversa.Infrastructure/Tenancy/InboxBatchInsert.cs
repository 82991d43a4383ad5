using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// A group commit's rows as multi-row INSERTs in the writer's transaction: one statement for the deliveries and
/// one per <see cref="ItemsPerStatement"/> items, instead of a statement per row. Parameters are made by EF's type
/// mappings, so ids and times are stored exactly as the rest of the app writes and reads them (SQLite keeps Guids and
/// DateTimes as text). A redelivered key finds its row taken and is left out of RETURNING, which is how each delivery
/// learns how many of its items were new.
/// </summary>
internal sealed class InboxBatchInsert(IRelationalTypeMappingSource mappings, DbConnection connection, DbTransaction transaction)
{
    private const int ItemsPerStatement = 100;

    public sealed record Delivery(Guid Id, InboxDelivery Content, IReadOnlyList<InboxItem> Items, DateTime ReceivedAt);

    /// <summary>Writes the deliveries and their items; returns, per delivery, how many of its items were new.</summary>
    public async Task<int[]> WriteAsync(IReadOnlyList<Delivery> deliveries)
    {
        await InsertDeliveriesAsync(deliveries);
        var index = new Dictionary<Guid, int>(deliveries.Count);
        var rows = new List<(int Delivery, int Position)>();
        for (var i = 0; i < deliveries.Count; i++)
        {
            index[deliveries[i].Id] = i;
            for (var j = 0; j < deliveries[i].Items.Count; j++)
            {
                rows.Add((i, j));
            }
        }
        var stored = new int[deliveries.Count];
        for (var start = 0; start < rows.Count; start += ItemsPerStatement)
        {
            foreach (var deliveryId in await InsertItemsAsync(deliveries, rows.GetRange(start, Math.Min(ItemsPerStatement, rows.Count - start))))
            {
                stored[index[deliveryId]]++;
            }
        }
        return stored;
    }

    private async Task InsertDeliveriesAsync(IReadOnlyList<Delivery> deliveries)
    {
        await using var rows = NewStatement("INSERT INTO webhook_deliveries (id, channel, headers, body, received_at) VALUES ");
        foreach (var (id, content, _, receivedAt) in deliveries)
        {
            rows.Row().Value(id).Value(content.Channel).Value(JsonSerializer.Serialize(content.Headers)).Value(content.RawBody).Value(receivedAt).End();
        }
        await rows.Command.ExecuteNonQueryAsync();
    }

    private async Task<List<Guid>> InsertItemsAsync(IReadOnlyList<Delivery> deliveries, List<(int Delivery, int Position)> positions)
    {
        await using var rows = NewStatement(
            "INSERT INTO inbox_items (id, delivery_id, channel, dedup_key, tenant_id, kind, payload, status, attempts, created_at) VALUES ");
        foreach (var (d, position) in positions)
        {
            var delivery = deliveries[d];
            var item = delivery.Items[position];
            rows.Row().Value(Guid.CreateVersion7()).Value(delivery.Id).Value(item.Channel).Value(item.Key).Value(item.TenantId).Value(item.Kind)
                .Value(item.Payload).Value(item.TenantId is null ? "ignored" : "pending").Value(0)
                // A microsecond apart (PostgreSQL's resolution), so created_at orders a delivery's items as they came.
                .Value(delivery.ReceivedAt.AddTicks(10 * position)).End();
        }
        // A redelivery (in this batch, another one, or racing on another node) finds the key taken and stores nothing.
        rows.Command.CommandText += " ON CONFLICT (channel, dedup_key) DO NOTHING RETURNING delivery_id";
        var inserted = new List<Guid>(positions.Count);
        await using var reader = await rows.Command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            inserted.Add(reader.GetGuid(0));
        }
        return inserted;
    }

    private Statement NewStatement(string head)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return new Statement(command, mappings, head);
    }

    /// <summary>A multi-row INSERT being built: rows of parameters named @p0, @p1, ... in order.</summary>
    private sealed class Statement(DbCommand command, IRelationalTypeMappingSource mappings, string head) : IAsyncDisposable
    {
        private readonly StringBuilder _sql = new(head);
        private bool _firstRow = true;
        private bool _firstValue;

        /// <summary>The command, its text complete once read.</summary>
        public DbCommand Command
        {
            get
            {
                if (_sql.Length > 0)
                {
                    command.CommandText = _sql.ToString();
                    _sql.Clear();
                }
                return command;
            }
        }

        public Statement Row()
        {
            _sql.Append(_firstRow ? "(" : ", (");
            _firstRow = false;
            _firstValue = true;
            return this;
        }

        public Statement Value<T>(T value)
        {
            var name = "@p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            _sql.Append(_firstValue ? "" : ", ").Append(name);
            _firstValue = false;
            var mapping = mappings.FindMapping(typeof(T)) ?? throw new InvalidOperationException($"No mapping for {typeof(T)}.");
            command.Parameters.Add(mapping.CreateParameter(command, name, value, nullable: value is null));
            return this;
        }

        public void End() => _sql.Append(')');

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }
}
