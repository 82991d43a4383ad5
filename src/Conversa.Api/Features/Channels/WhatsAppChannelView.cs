using Conversa.Core.Channels;
using Conversa.Core.Time;
using NodaTime;

namespace Conversa.Api.Features.Channels;

/// <summary>A tenant's WhatsApp number as the API shows it: never a secret, only whether each is set.</summary>
public sealed record WhatsAppChannelView(
    string PhoneNumberId,
    string WabaId,
    string? DisplayPhoneNumber,
    WhatsAppTemplateView? ReminderTemplate,
    bool AccessTokenSet,
    bool AppSecretSet,
    bool VerifyTokenSet,
    string WebhookPath,
    string CreatedAt,
    string UpdatedAt)
{
    public static WhatsAppChannelView From(WhatsAppChannel channel, IReadOnlySet<string> secretsSet, string tenantSlug, DateTimeZone zone) => new(
        channel.PhoneNumberId,
        channel.WabaId,
        channel.DisplayPhoneNumber,
        channel.ReminderTemplateName is { } name ? new WhatsAppTemplateView(name, channel.ReminderTemplateLanguage ?? "") : null,
        secretsSet.Contains(WhatsAppChannel.AccessTokenSecret),
        secretsSet.Contains(WhatsAppChannel.AppSecretSecret),
        secretsSet.Contains(WhatsAppChannel.VerifyTokenSecret),
        "/webhooks/whatsapp/" + tenantSlug,
        ZonedTime.Format(channel.CreatedAt, zone),
        ZonedTime.Format(channel.UpdatedAt, zone));
}

public sealed record WhatsAppTemplateView(string Name, string Language);
