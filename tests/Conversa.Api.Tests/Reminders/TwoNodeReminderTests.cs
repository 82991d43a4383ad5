using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Conversa.Api.Tests.Hosting;
using Conversa.Api.Tests.Support;
using Npgsql;

namespace Conversa.Api.Tests.Reminders;

/// <summary>
/// Two real server processes on one PostgreSQL database, both running the scheduler: every reminder is
/// handed over by exactly one of them, including reminders that came due while both were stopped.
/// Each handover writes one log line, so the processes' own output is the proof.
/// </summary>
public sealed class TwoNodeReminderTests : IAsyncLifetime
{
    private const string AdminEmail = "root@two-nodes.test";
    private const string AdminPassword = "two-nodes-admin-password";
    private readonly string _database = "conversa_nodes_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "conversa-nodes", Guid.NewGuid().ToString("N"));
    private readonly string _masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _jwtKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<ServerProcess> _running = [];
    private readonly List<ServerProcess> _all = [];

    public Task InitializeAsync() => PostgresFactory.CreateDatabaseAsync(_database);

    public async Task DisposeAsync()
    {
        foreach (var node in _running)
        {
            await node.DisposeAsync();
        }
        await PostgresFactory.DropDatabaseAsync(_database);
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private string Connection(string role) =>
        new NpgsqlConnectionStringBuilder(PostgresFactory.ServerConnectionString) { Username = role, Database = _database }.ConnectionString;

    private async Task<(ServerProcess Node, Uri Address)> StartNodeAsync(string name)
    {
        var port = FreePort();
        var node = ServerProcess.Start(new Dictionary<string, string>
        {
            ["CONVERSA_DATABASE"] = Connection(PostgresFactory.AppRole),
            ["CONVERSA_MIGRATIONS_DATABASE"] = Connection(PostgresFactory.OwnerRole),
            ["CONVERSA_DATA_DIR"] = Path.Combine(_dataDir, name),
            ["CONVERSA_MASTER_KEY"] = _masterKey,
            ["CONVERSA_JWT_SIGNING_KEY"] = _jwtKey,
            ["CONVERSA_ADMIN_EMAIL"] = AdminEmail,
            ["CONVERSA_ADMIN_PASSWORD"] = AdminPassword,
            ["CONVERSA_SEED_DEMO"] = "false",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Conversa__Reminders__PollSeconds"] = "0.2",
            ["Conversa__Reminders__BatchSize"] = "4",
            ["Conversa__Reminders__LeaseSeconds"] = "5",
        }, "--urls", $"http://127.0.0.1:{port}");
        _running.Add(node);
        _all.Add(node);
        await node.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(90));
        return (node, new Uri($"http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task Two_nodes_on_one_postgresql_hand_each_reminder_over_exactly_once_across_restarts()
    {
        var (a, addressA) = await StartNodeAsync("a");
        var (b, _) = await StartNodeAsync("b");
        var tenants = new[] { await CreateTenantAsync(addressA), await CreateTenantAsync(addressA) };

        await InsertDueRemindersAsync(tenants, perTenant: 40);
        await WaitForSentAsync(80);

        // Both nodes stop; reminders come due meanwhile; both start again and send them late, once.
        await StopAsync(a);
        await StopAsync(b);
        await InsertDueRemindersAsync(tenants, perTenant: 15);
        await StartNodeAsync("a");
        await StartNodeAsync("b");
        await WaitForSentAsync(110);

        // The handover is the outbox row written with the reminder's status (the log line comes later, when the outbox
        // sends it, and may not be out yet when the last reminder is marked sent).
        var handovers = (await QueryAsync("SELECT reference_id::text FROM outbox_messages WHERE purpose = 'task_reminder'")).Select(r => r[0]).ToList();
        var rows = await QueryAsync("SELECT id::text, status, sent_by FROM reminders");
        rows.Should().HaveCount(110).And.OnlyContain(r => r[1] == "sent");
        handovers.Should().OnlyHaveUniqueItems("no reminder is handed over twice").And.BeEquivalentTo(rows.Select(r => r[0]));
        rows.Select(r => r[2]).Distinct().Should().HaveCountGreaterThan(1, "both nodes took part");
    }

    private async Task StopAsync(ServerProcess node)
    {
        _running.Remove(node);
        await node.DisposeAsync();
    }

    private static async Task<Guid> CreateTenantAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await Http.LoginAsync(http, AdminEmail, AdminPassword));
        var slug = "n-" + Guid.NewGuid().ToString("N")[..10];
        var created = await http.PostAsJsonAsync("/api/admin/tenants", new { slug, name = "Node tenant " + slug, timezone = "America/Bogota" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return Guid.Parse(JsonNode.Parse(await created.Content.ReadAsStringAsync())!["tenant"]!["id"]!.GetValue<string>());
    }

    /// <summary>Due reminders written straight into the table as the schema owner (with the RLS bypass the scheduler also uses).</summary>
    private async Task InsertDueRemindersAsync(Guid[] tenants, int perTenant)
    {
        await using var connection = new NpgsqlConnection(Connection(PostgresFactory.OwnerRole));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT set_config('app.bypass_rls', 'on', false);
            INSERT INTO reminders (id, tenant_id, kind, source_id, due_at, status, text, attempts, created_at, updated_at)
            SELECT gen_random_uuid(), t.id, 'task', gen_random_uuid(), now() - (n || ' seconds')::interval, 'pending',
                   'Recordatorio ' || n, 0, now(), now()
            FROM unnest(@tenants) AS t(id), generate_series(1, @per) AS n;
            """;
        command.Parameters.AddWithValue("tenants", tenants);
        command.Parameters.AddWithValue("per", perTenant);
        await command.ExecuteNonQueryAsync();
    }

    private async Task WaitForSentAsync(int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var sent = (await QueryAsync("SELECT count(*)::text FROM reminders WHERE status = 'sent'")).Single()[0];
            if (sent == expected.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{sent} of {expected} reminders sent. Output:\n{string.Join("\n---\n", _all.Select(n => n.Output))}");
            }
            await Task.Delay(200);
        }
    }

    private async Task<List<string[]>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Connection(PostgresFactory.OwnerRole));
        await connection.OpenAsync();
        await using (var bypass = new NpgsqlCommand("SELECT set_config('app.bypass_rls', 'on', false)", connection))
        {
            await bypass.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetString(i)).ToArray());
        }
        return rows;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
