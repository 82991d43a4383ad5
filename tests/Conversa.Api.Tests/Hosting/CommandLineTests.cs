using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Conversa.Api.Tests.Support;
using Npgsql;

namespace Conversa.Api.Tests.Hosting;

/// <summary>The executable as an operator uses it: environment variables, commands, first start.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "conversa-cli", Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Environment(bool seedDemo = false) => new()
    {
        ["CONVERSA_DATA_DIR"] = _dataDir,
        ["CONVERSA_SEED_DEMO"] = seedDemo ? "true" : "false",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    [Fact]
    public async Task Tenants_are_created_and_listed_from_the_command_line_in_the_configured_data_dir()
    {
        var env = Environment();
        var (code, output) = await ServerProcess.RunAsync(env, "tenants", "create", "--slug", "acme", "--name", "Acme Dental",
            "--owner-email", "owner@acme.example.com", "--owner-password", "acme-password", "--timezone", "Europe/Madrid");
        code.Should().Be(0, output);
        output.Should().Contain("Created tenant acme").And.Contain("api key: sk_");
        File.Exists(Path.Combine(_dataDir, "conversa.db")).Should().BeTrue();

        var list = await ServerProcess.RunAsync(env, "tenants", "list");
        list.ExitCode.Should().Be(0);
        list.Output.Should().Contain("acme").And.Contain("Acme Dental");

        var duplicate = await ServerProcess.RunAsync(env, "tenants", "create", "--slug", "acme", "--name", "Again");
        duplicate.ExitCode.Should().Be(1);
        duplicate.Output.Should().Contain("taken");

        var invalid = await ServerProcess.RunAsync(env, "tenants", "create", "--slug", "Bad Slug", "--name", "X");
        invalid.ExitCode.Should().Be(1);
        invalid.Output.Should().Contain("slug");
    }

    [Fact]
    public async Task Failed_outbox_rows_are_shown_and_put_back_to_pending_from_the_command_line()
    {
        var env = Environment();
        var created = await ServerProcess.RunAsync(env, "tenants", "create", "--slug", "queued", "--name", "Queued");
        created.ExitCode.Should().Be(0, created.Output);
        var tenantId = Regex.Match(created.Output, @"Created tenant queued \(([0-9a-f-]{36})\)").Groups[1].Value;
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDir, "conversa.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO outbox_messages (id, tenant_id, channel, purpose, kind, reference_id, text, status, attempts, due_at, error, created_at, updated_at)
                VALUES ($id, $tenant, 'whatsapp', 'reply', 'text', $ref, 'Hola', 'failed', 8, '2026-01-01 00:00:00', 'token expired', '2026-01-01 00:00:00', '2026-01-01 00:00:00')
                """;
            insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString().ToUpperInvariant());
            insert.Parameters.AddWithValue("$tenant", tenantId.ToUpperInvariant());
            insert.Parameters.AddWithValue("$ref", Guid.NewGuid().ToString().ToUpperInvariant());
            (await insert.ExecuteNonQueryAsync()).Should().Be(1);
        }

        var status = await ServerProcess.RunAsync(env, "queue", "status");
        status.ExitCode.Should().Be(0, status.Output);
        status.Output.Should().MatchRegex(@"outbox\s+whatsapp\s+failed\s+1");

        var other = await ServerProcess.RunAsync(env, "queue", "retry", "--outbox", "--channel", "chatwoot");
        other.Output.Should().Contain("outbox: 0 failed row(s)").And.NotContain("inbox:");

        var retry = await ServerProcess.RunAsync(env, "queue", "retry", "--outbox", "--channel", "whatsapp");
        retry.ExitCode.Should().Be(0, retry.Output);
        retry.Output.Should().Contain("outbox: 1 failed row(s) back to pending");

        (await ServerProcess.RunAsync(env, "queue", "status")).Output.Should().MatchRegex(@"outbox\s+whatsapp\s+pending\s+1");
    }

    [Fact]
    public async Task Migrate_succeeds_and_unknown_commands_print_usage()
    {
        var migrate = await ServerProcess.RunAsync(Environment(), "migrate");
        migrate.ExitCode.Should().Be(0, migrate.Output);
        migrate.Output.Should().Contain("up to date");

        var unknown = await ServerProcess.RunAsync(Environment(), "frobnicate");
        unknown.ExitCode.Should().Be(2);
        unknown.Output.Should().Contain("usage:");
    }

    [Fact]
    public async Task Migrate_and_create_work_on_postgresql_from_the_environment()
    {
        var database = "conversa_cli_" + Guid.NewGuid().ToString("N")[..12];
        await PostgresFactory.CreateDatabaseAsync(database);
        string Connection(string role) =>
            new NpgsqlConnectionStringBuilder(PostgresFactory.ServerConnectionString) { Username = role, Database = database }.ConnectionString;
        var env = Environment();
        env["CONVERSA_DATABASE"] = Connection(PostgresFactory.AppRole);
        env["CONVERSA_MIGRATIONS_DATABASE"] = Connection(PostgresFactory.OwnerRole);
        try
        {
            var migrate = await ServerProcess.RunAsync(env, "migrate");
            migrate.ExitCode.Should().Be(0, migrate.Output);
            var create = await ServerProcess.RunAsync(env, "tenants", "create", "--slug", "pg-cli", "--name", "PG CLI");
            create.ExitCode.Should().Be(0, create.Output);
            (await ServerProcess.RunAsync(env, "tenants", "list")).Output.Should().Contain("pg-cli");
        }
        finally
        {
            await PostgresFactory.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task A_first_start_seeds_demo_tenants_prints_the_superadmin_and_serves_them()
    {
        var port = FreePort();
        var env = Environment(seedDemo: true);
        await using var server = ServerProcess.Start(env, "--urls", $"http://127.0.0.1:{port}");
        await server.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));

        server.Output.Should().Contain("superadmin created").And.Contain("admin@conversa.local");
        var credentials = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dataDir, "demo-credentials.json")))!;
        credentials.AsObject().Select(c => c.Key).Should().BeEquivalentTo(["benova", "medispa"]);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var login = await http.PostAsJsonAsync("/api/auth/login", new
        {
            email = credentials["benova"]!["owner_email"]!.GetValue<string>(),
            password = credentials["benova"]!["owner_password"]!.GetValue<string>(),
        });
        login.StatusCode.Should().Be(HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tenant");
        request.Headers.Add("X-API-Key", credentials["medispa"]!["api_key"]!.GetValue<string>());
        var tenant = JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
        tenant["name"]!.GetValue<string>().Should().Be("MediSpa Elite");
        tenant["settings"]!["booking"]!["treatment_durations"]!.AsObject().Should().NotBeEmpty();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
