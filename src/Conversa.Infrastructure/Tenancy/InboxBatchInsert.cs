using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Conversa.Infrastructure.Inbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// A group commit's rows in the writer's transaction. On PostgreSQL they go as multi-row INSERTs: one statement for the
/// deliveries and one per <see cref="ItemsPerStatement"/> items, instead of a round trip per row. SQLite runs in-process,
/// so there is no round trip to save, and Microsoft.Data.Sqlite binds each parameter by looking its name up in the
/// statement's list (quadratic in a multi-row statement's hundreds of parameters, and the long text is parsed again each
/// time): there each row is one execution of a statement prepared once per batch. Parameters are made by EF's type
/// mappings, so ids and times are stored exactly as the rest of the app writes and reads them (SQLite keeps Guids and
/// DateTimes as text). A redelivered key finds its row taken and is not inserted, which is how each delivery learns which
/// of its items were new. Items the delivery's <see cref="InboxHandOff.Ticket"/> claims for this node's worker are
/// inserted already claimed (its token, its lease, attempt 1), so the worker needs no claim query for them.
/// </summary>
internal sealed class InboxBatchInsert(IRelationalTypeMappingSource mappings, DbConnection connection, DbTransaction transaction)
{
    private const int ItemsPerStatement = 100;
    private const string InsertDelivery = "INSERT INTO webhook_deliveries (id, channel, headers, body, received_at) VALUES ";
    private const string InsertItem =
        "INSERT INTO inbox_items (id, delivery_id, channel, dedup_key, tenant_id, kind, payload, status, attempts, claim_token, claimed_until, created_at) VALUES ";
    // A redelivery (in this batch, another one, or racing on another node) finds the key taken and stores nothing.
    private const string SkipTaken = " ON CONFLICT (channel, dedup_key) DO NOTHING";

    public sealed record Delivery(Guid Id, InboxDelivery Content, IReadOnlyList<InboxItem> Items, DateTime ReceivedAt, InboxHandOff.Ticket Ticket)
    {
        public Guid[] ItemIds { get; } = [.. Items.Select(_ => Guid.CreateVersion7())];

        /// <summary>A microsecond apart (PostgreSQL's resolution), so created_at orders a delivery's items as they came.</summary>
        public DateTime CreatedAt(int position) => ReceivedAt.AddTicks(10 * position);
    }

    /// <summary>Writes the deliveries and their items; returns, per delivery, the positions of its items that were new.</summary>
    public Task<List<int>[]> WriteAsync(IReadOnlyList<Delivery> deliveries) =>
        connection is SqliteConnection ? WriteRowByRowAsync(deliveries) : WriteMultiRowAsync(deliveries);

    private async Task<List<int>[]> WriteRowByRowAsync(IReadOnlyList<Delivery> deliveries)
    {
        await using var deliveryRow = NewStatement(InsertDelivery);
        await using var itemRow = NewStatement(InsertItem);
        var stored = NoneStored(deliveries);
        for (var i = 0; i < deliveries.Count; i++)
        {
            DeliveryRow(deliveryRow.Again(), deliveries[i]);
            await deliveryRow.Command().ExecuteNonQueryAsync();
            for (var j = 0; j < deliveries[i].Items.Count; j++)
            {
                ItemRow(itemRow.Again(), deliveries[i], j);
                if (await itemRow.Command(SkipTaken).ExecuteNonQueryAsync() > 0)
                {
                    stored[i].Add(j);
                }
            }
        }
        return stored;
    }

    private static List<int>[] NoneStored(IReadOnlyList<Delivery> deliveries) => [.. deliveries.Select(_ => new List<int>())];

    private async Task<List<int>[]> WriteMultiRowAsync(IReadOnlyList<Delivery> deliveries)
    {
        await using (var rows = NewStatement(InsertDelivery))
        {
            foreach (var delivery in deliveries)
            {
                DeliveryRow(rows, delivery);
            }
            await rows.Command().ExecuteNonQueryAsync();
        }
        var index = new Dictionary<Guid, (int Delivery, int Position)>();
        var positions = new List<(int Delivery, int Position)>();
        for (var i = 0; i < deliveries.Count; i++)
        {
            for (var j = 0; j < deliveries[i].Items.Count; j++)
            {
                index[deliveries[i].ItemIds[j]] = (i, j);
                positions.Add((i, j));
            }
        }
        var stored = NoneStored(deliveries);
        for (var start = 0; start < positions.Count; start += ItemsPerStatement)
        {
            await using var rows = NewStatement(InsertItem);
            foreach (var (d, position) in positions.GetRange(start, Math.Min(ItemsPerStatement, positions.Count - start)))
            {
                ItemRow(rows, deliveries[d], position);
            }
            await using var reader = await rows.Command(SkipTaken + " RETURNING id").ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (d, position) = index[reader.GetGuid(0)];
                stored[d].Add(position);
            }
        }
        return stored;
    }

    private static void DeliveryRow(Statement rows, Delivery delivery) =>
        rows.Row().Value(delivery.Id).Value(delivery.Content.Channel).Value(JsonSerializer.Serialize(delivery.Content.Headers))
            .Value(delivery.Content.RawBody).Value(delivery.ReceivedAt).End();

    private static void ItemRow(Statement rows, Delivery delivery, int position)
    {
        var item = delivery.Items[position];
        var claimed = delivery.Ticket.Claims(item);
        rows.Row().Value(delivery.ItemIds[position]).Value(delivery.Id).Value(item.Channel).Value(item.Key).Value(item.TenantId).Value(item.Kind)
            .Value(item.Payload).Value(item.TenantId is null ? "ignored" : "pending").Value(claimed ? 1 : 0)
            .Value(claimed ? delivery.Ticket.Token : null).Value(claimed ? delivery.Ticket.Until : (DateTime?)null)
            .Value(delivery.CreatedAt(position)).End();
    }

    private Statement NewStatement(string head)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return new Statement(command, mappings, head);
    }

    /// <summary>
    /// An INSERT being built: rows of parameters named @p0, @p1, ... in order. <see cref="Again"/> starts the values of
    /// the next execution of the same one-row statement (its text, and so its prepared form, stay).
    /// </summary>
    private sealed class Statement(DbCommand command, IRelationalTypeMappingSource mappings, string head) : IAsyncDisposable
    {
        private readonly StringBuilder _sql = new(head);
        private bool _textDone;
        private bool _firstRow = true;
        private bool _firstValue;

        /// <summary>The command, its text complete (with <paramref name="tail"/> after the rows) the first time it is read.</summary>
        public DbCommand Command(string tail = "")
        {
            if (!_textDone)
            {
                command.CommandText = _sql.Append(tail).ToString();
                _sql.Clear();
                _textDone = true;
            }
            return command;
        }

        public Statement Again()
        {
            command.Parameters.Clear();
            return this;
        }

        public Statement Row()
        {
            if (!_textDone)
            {
                _sql.Append(_firstRow ? "(" : ", (");
            }
            _firstRow = false;
            _firstValue = true;
            return this;
        }

        public Statement Value<T>(T value)
        {
            var name = "@p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            if (!_textDone)
            {
                _sql.Append(_firstValue ? "" : ", ").Append(name);
            }
            _firstValue = false;
            var mapping = mappings.FindMapping(typeof(T)) ?? throw new InvalidOperationException($"No mapping for {typeof(T)}.");
            command.Parameters.Add(mapping.CreateParameter(command, name, value, nullable: value is null));
            return this;
        }

        public void End()
        {
            if (!_textDone)
            {
                _sql.Append(')');
            }
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }
}
