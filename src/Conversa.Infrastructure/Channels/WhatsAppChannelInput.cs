namespace Conversa.Infrastructure.Channels;

/// <summary>
/// A tenant's WhatsApp number as <c>PUT /api/channels/whatsapp</c> sets it. A secret left null keeps the stored one;
/// the template is replaced (null removes it).
/// </summary>
public sealed record WhatsAppChannelInput(
    string PhoneNumberId,
    string WabaId,
    string? DisplayPhoneNumber,
    string? AccessToken,
    string? AppSecret,
    string? VerifyToken,
    WhatsAppTemplate? ReminderTemplate);

/// <summary>An approved message template: its name and language code (<c>es</c>, <c>pt_BR</c>, <c>en_US</c>).</summary>
public sealed record WhatsAppTemplate(string Name, string Language);
