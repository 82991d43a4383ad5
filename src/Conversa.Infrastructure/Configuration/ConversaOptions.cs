namespace Conversa.Infrastructure.Configuration;

/// <summary>The <c>Conversa:</c> configuration section. Environment variables in API.md map onto it.</summary>
public sealed class ConversaOptions
{
    public const string Section = "Conversa";

    public string DataDir { get; set; } = "./data";
    /// <summary><c>sqlite</c> or a PostgreSQL connection string.</summary>
    public string Database { get; set; } = "sqlite";
    /// <summary>Connection used to apply migrations (the schema owner); defaults to <see cref="Database"/>.</summary>
    public string? MigrationsDatabase { get; set; }
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public bool? SeedDemo { get; set; }
    public string? CompaniesConfig { get; set; }
    public string? MasterKey { get; set; }
    public string? JwtSigningKey { get; set; }
    public int JwtLifetimeMinutes { get; set; } = 720;
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;
    /// <summary>
    /// The address customers reach this server at (<c>https://chat.example.com</c>): short links the assistant sends
    /// on channels start with it. Without it, links use the host of the request being answered.
    /// </summary>
    public string? PublicUrl { get; set; }
    public TenancyOptions Tenancy { get; set; } = new();
    public MetricsOptions Metrics { get; set; } = new();
    public AiOptions Ai { get; set; } = new();
    public WhatsAppOptions WhatsApp { get; set; } = new();

    public bool UsesPostgres => !string.Equals(Database, "sqlite", StringComparison.OrdinalIgnoreCase);

    public bool ShouldSeedDemo => SeedDemo ?? !UsesPostgres;

    public string SqlitePath => Path.Combine(Path.GetFullPath(DataDir), "conversa.db");
}

public sealed class TenancyOptions
{
    /// <summary>Single-tenant compatibility: the tenant used when a request names none.</summary>
    public string? DefaultTenant { get; set; }
}

public sealed class MetricsOptions
{
    public string? Token { get; set; }
}

/// <summary>
/// The platform-wide model (<c>Conversa:Ai</c>, or <c>CONVERSA_AI_*</c>): used by every tenant that does not
/// configure <c>settings.ai</c> itself, and lending its key to a tenant that picks the same provider without one.
/// </summary>
public sealed class AiOptions
{
    /// <summary><c>builtin</c> (offline, the default), <c>openai</c> or <c>anthropic</c>.</summary>
    public string Provider { get; set; } = "builtin";
    public string? Model { get; set; }
    public string? EmbeddingModel { get; set; }
    /// <summary>The speech-to-text model of <c>POST /api/multimedia/voice</c> (<c>whisper-1</c>, <c>gpt-4o-mini-transcribe</c>); none turns voice off.</summary>
    public string? TranscriptionModel { get; set; }
    /// <summary>Any OpenAI-compatible endpoint (Azure OpenAI, Ollama, vLLM); the provider's own when empty.</summary>
    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
}
