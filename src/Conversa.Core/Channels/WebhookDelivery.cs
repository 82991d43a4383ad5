using Conversa.Core.Tenancy;

namespace Conversa.Core.Channels;

/// <summary>One webhook HTTP delivery as it arrived (raw body and the headers kept for audit), once per delivery.</summary>
[GlobalEntity("A webhook is stored before its tenant is known (it carries no credentials) and may hold several tenants' items; read only by the inbox and superadmins.")]
public sealed class WebhookDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Channel { get; set; }
    /// <summary>The headers worth keeping (signature, delivery id, timestamp) as a JSON object.</summary>
    public string Headers { get; set; } = "{}";
    public byte[] Body { get; set; } = [];
    public DateTime ReceivedAt { get; set; } = DateTime.UtcNow;
}
