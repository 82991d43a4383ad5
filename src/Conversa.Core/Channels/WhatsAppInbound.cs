namespace Conversa.Core.Channels;

/// <summary>
/// A message a customer sent to a tenant's number, as much as the assistant needs of it: who (<see cref="From"/> is
/// what to answer to — a phone's digits, or a user id for people known by username), their profile name, and what
/// they sent. <see cref="Text"/> is the text, caption, or the title of the button or list row they tapped.
/// </summary>
public sealed record WhatsAppInbound(
    string Id,
    string PhoneNumberId,
    string From,
    string? WaId,
    string? UserId,
    string? Username,
    string? Name,
    WhatsAppMessageKind Kind,
    string Type,
    string? Text,
    WhatsAppMedia? Media,
    DateTimeOffset? SentAt)
{
    /// <summary>The sender's phone in E.164 when WhatsApp gave one (digits only); people known only by username have none.</summary>
    public string? Phone
    {
        get
        {
            var digits = WaId ?? From;
            return digits.Length > 0 && digits.All(char.IsAsciiDigit) && Contacts.PhoneNumber.TryNormalize("+" + digits, out var phone) ? phone : null;
        }
    }
}

/// <summary>A voice note or picture: the media id to download (and the URL newer webhooks already carry).</summary>
public sealed record WhatsAppMedia(string Id, string? MimeType, string? Url, string? Caption, bool Voice);

/// <summary>How the assistant treats a message type.</summary>
public enum WhatsAppMessageKind
{
    Text,
    Audio,
    Image,
    /// <summary>A tapped reply button or list row (<c>interactive</c>) or template quick reply (<c>button</c>): its title is the text.</summary>
    Choice,
    /// <summary>An emoji reaction or a system notice: nothing to answer.</summary>
    Ignored,
    /// <summary>Anything else (video, document, sticker, location, …): answered with a polite "I can only read text".</summary>
    Unsupported,
}

/// <summary>How far one of our messages got: <c>sent</c>, <c>delivered</c>, <c>read</c> or <c>failed</c> (with why).</summary>
public sealed record WhatsAppStatusReport(string MessageId, string Status, string? RecipientId, DateTimeOffset? At, string? Error);
