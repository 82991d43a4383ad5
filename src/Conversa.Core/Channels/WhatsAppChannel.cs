using Conversa.Core.Tenancy;

namespace Conversa.Core.Channels;

/// <summary>
/// A tenant's WhatsApp Cloud API number. <see cref="PhoneNumberId"/> is how Meta's webhooks name it, so it belongs to
/// one tenant on the whole platform. The access token, app secret and verify token are tenant secrets
/// (<see cref="AccessTokenSecret"/> and the others), encrypted at rest and never returned.
/// </summary>
public sealed class WhatsAppChannel : ITenantOwned
{
    public const string AccessTokenSecret = "whatsapp.access_token";
    public const string AppSecretSecret = "whatsapp.app_secret";
    public const string VerifyTokenSecret = "whatsapp.verify_token";
    public const int MaxIdLength = 64;
    public const int MaxTemplateNameLength = 512;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string PhoneNumberId { get; set; } = "";
    public string WabaId { get; set; } = "";
    public string? DisplayPhoneNumber { get; set; }
    /// <summary>The approved template sent instead of text outside the 24-hour customer-service window.</summary>
    public string? ReminderTemplateName { get; set; }
    public string? ReminderTemplateLanguage { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
