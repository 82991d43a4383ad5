namespace Conversa.Infrastructure.Configuration;

/// <summary>The environment variables of API.md and the <c>Conversa:</c> keys they set.</summary>
public static class EnvironmentSettings
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>
    {
        ["CONVERSA_DATA_DIR"] = "Conversa:DataDir",
        ["CONVERSA_DATABASE"] = "Conversa:Database",
        ["CONVERSA_MIGRATIONS_DATABASE"] = "Conversa:MigrationsDatabase",
        ["CONVERSA_ADMIN_EMAIL"] = "Conversa:AdminEmail",
        ["CONVERSA_ADMIN_PASSWORD"] = "Conversa:AdminPassword",
        ["CONVERSA_SEED_DEMO"] = "Conversa:SeedDemo",
        ["CONVERSA_WHATSAPP_GRAPH_URL"] = "Conversa:WhatsApp:GraphUrl",
        ["CONVERSA_WHATSAPP_APP_SECRET"] = "Conversa:WhatsApp:AppSecret",
        ["CONVERSA_WHATSAPP_VERIFY_TOKEN"] = "Conversa:WhatsApp:VerifyToken",
        ["CONVERSA_COMPANIES_CONFIG"] = "Conversa:CompaniesConfig",
        ["CONVERSA_MASTER_KEY"] = "Conversa:MasterKey",
        ["CONVERSA_JWT_SIGNING_KEY"] = "Conversa:JwtSigningKey",
        ["CONVERSA_PUBLIC_URL"] = "Conversa:PublicUrl",
        ["CONVERSA_AI_PROVIDER"] = "Conversa:Ai:Provider",
        ["CONVERSA_AI_MODEL"] = "Conversa:Ai:Model",
        ["CONVERSA_AI_EMBEDDING_MODEL"] = "Conversa:Ai:EmbeddingModel",
        ["CONVERSA_AI_TRANSCRIPTION_MODEL"] = "Conversa:Ai:TranscriptionModel",
        ["CONVERSA_AI_BASE_URL"] = "Conversa:Ai:BaseUrl",
        ["CONVERSA_AI_API_KEY"] = "Conversa:Ai:ApiKey",
    };

    /// <summary>The values of those variables that are set, keyed by configuration path.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> FromEnvironment() =>
        Map.Select(m => (m.Value, Environment.GetEnvironmentVariable(m.Key)))
           .Where(p => !string.IsNullOrEmpty(p.Item2))
           .Select(p => new KeyValuePair<string, string?>(p.Value, p.Item2));
}
