namespace Conversa.Core.Tenancy;

/// <summary>A tenant secret (LLM key, channel token, catalog secret), encrypted at rest with the master key.</summary>
public sealed class TenantSecret : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    /// <summary>Dotted name, e.g. <c>ai.api_key</c>.</summary>
    public required string Name { get; set; }
    public required byte[] Ciphertext { get; set; }
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}
