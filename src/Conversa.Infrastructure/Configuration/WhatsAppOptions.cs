namespace Conversa.Infrastructure.Configuration;

/// <summary>
/// <c>Conversa:WhatsApp</c> (<c>CONVERSA_WHATSAPP_*</c>): where the Graph API is, and the platform's own Meta app —
/// one webhook URL (<c>/webhooks/whatsapp</c>) for every tenant, verified with <see cref="VerifyToken"/> and signed
/// with <see cref="AppSecret"/>. A tenant with its own app uses <c>/webhooks/whatsapp/{tenant}</c> and its own secrets.
/// </summary>
public sealed class WhatsAppOptions
{
    public string GraphUrl { get; set; } = "https://graph.facebook.com";
    public string ApiVersion { get; set; } = "v21.0";
    public string? AppSecret { get; set; }
    public string? VerifyToken { get; set; }
    /// <summary>The largest webhook body read (Meta batches up to 1000 updates in one POST).</summary>
    public long MaxWebhookBytes { get; set; } = 8 * 1024 * 1024;
    /// <summary>One Graph API call's limit; a timeout is retried by the outbox.</summary>
    public int TimeoutSeconds { get; set; } = 15;
    /// <summary>The largest voice note or image downloaded for transcription or vision.</summary>
    public long MaxMediaBytes { get; set; } = 16 * 1024 * 1024;
}
