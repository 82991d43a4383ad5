namespace Conversa.Core.Channels;

/// <summary>
/// One unit of a WhatsApp webhook body: a message or a status report for the number <see cref="PhoneNumberId"/>
/// (null when the body does not say). <see cref="Key"/> identifies it across Meta's redeliveries
/// (<c>msg:{wamid}</c>, <c>status:{wamid}:{status}</c>); <see cref="Payload"/> is the JSON that
/// <see cref="WhatsAppWebhook.ReadMessage"/> or <see cref="WhatsAppWebhook.ReadStatus"/> reads back.
/// </summary>
public sealed record WhatsAppUpdate(string? PhoneNumberId, string Key, string Kind, string Payload)
{
    public const string MessageKind = "message";
    public const string StatusKind = "status";
}
