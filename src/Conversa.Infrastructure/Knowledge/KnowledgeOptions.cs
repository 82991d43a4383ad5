namespace Conversa.Infrastructure.Knowledge;

/// <summary>The <c>Conversa:Knowledge</c> configuration section.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Conversa:Knowledge";

    /// <summary>Memory all tenants' in-memory indexes may hold together; the least recently used are dropped beyond it.</summary>
    public long MaxIndexBytes { get; set; } = 512L * 1024 * 1024;
    public int ChunkMaxChars { get; set; } = 900;
    public int ChunkOverlapChars { get; set; } = 150;
    public int BuiltinDimensions { get; set; } = Core.Knowledge.HashedEmbedder.DefaultDimensions;
    /// <summary>How long a call to a remote embedding provider may take before the built-in model is used instead.</summary>
    public int EmbeddingTimeoutSeconds { get; set; } = 20;
}
