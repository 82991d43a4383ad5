using System.Text.Json.Nodes;
using Conversa.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Conversa.Api.Tests.Admin;

/// <summary>
/// The app started with <c>Conversa:CompaniesConfig</c> pointing at a legacy <c>companies_config.json</c> of its own
/// (written before start-up, inside this factory's data dir), so tests can import, edit and reload it without
/// touching the shared factories. Each factory has its own database, so fixed slugs are fine here.
/// </summary>
public abstract class CompaniesConfigFactory : ConversaFactory
{
    public const string InitialConfig = """
        {
          "acme": {
            "company_name": "Acme",
            "sales_agent_name": "Ana",
            "treatment_durations": {"botox": 30, "limpieza facial": 60},
            "redis_prefix": "acme:",
            "vectorstore_index": "x"
          }
        }
        """;

    public string ConfigPath => Path.Combine(DataDir, "companies_config.json");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Directory.CreateDirectory(DataDir);
        await File.WriteAllTextAsync(ConfigPath, InitialConfig);
    }

    /// <summary>Reads the config file, lets the test change it, and writes it back.</summary>
    public async Task EditConfigAsync(Action<JsonObject> edit)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(ConfigPath))!.AsObject();
        edit(config);
        await File.WriteAllTextAsync(ConfigPath, config.ToJsonString());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Conversa:CompaniesConfig", ConfigPath);
    }
}

public sealed class CompaniesConfigSqliteFactory : CompaniesConfigFactory
{
    public override string Kind => "sqlite";

    protected override IReadOnlyDictionary<string, string?> DatabaseSettings { get; } =
        new Dictionary<string, string?> { ["Conversa:Database"] = "sqlite" };
}

/// <summary>A fresh PostgreSQL database made (and dropped) by an unstarted <see cref="PostgresFactory"/>.</summary>
public sealed class CompaniesConfigPostgresFactory : CompaniesConfigFactory
{
    private readonly PostgresFactory _database = new();
    private Dictionary<string, string?> _settings = [];

    public override string Kind => "postgres";

    protected override IReadOnlyDictionary<string, string?> DatabaseSettings => _settings;

    public override async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _settings = new Dictionary<string, string?>
        {
            ["Conversa:Database"] = _database.AppConnectionString,
            ["Conversa:MigrationsDatabase"] = _database.OwnerConnectionString,
        };
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _database.DisposeAsync();
    }
}
