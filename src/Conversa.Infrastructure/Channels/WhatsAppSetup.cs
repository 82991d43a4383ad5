using Conversa.Core.Channels;

namespace Conversa.Infrastructure.Channels;

/// <summary>A tenant's number with its decrypted access token, for the sender (never for the API).</summary>
public sealed record WhatsAppSetup(WhatsAppChannel Channel, string AccessToken)
{
    public WhatsAppTemplate? ReminderTemplate =>
        Channel.ReminderTemplateName is { } name ? new WhatsAppTemplate(name, Channel.ReminderTemplateLanguage ?? "en_US") : null;
}
