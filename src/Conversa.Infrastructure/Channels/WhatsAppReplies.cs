using Conversa.Infrastructure.Engine;

namespace Conversa.Infrastructure.Channels;

/// <summary>The fixed answers to WhatsApp messages the assistant cannot read, in the customer's language.</summary>
public static class WhatsAppReplies
{
    public static readonly Localized VoiceNote = new(
        "Recibí tu nota de voz, pero por ahora solo puedo leer mensajes de texto. ¿Me lo escribes, por favor?",
        "Recebi seu áudio, mas por enquanto só consigo ler mensagens de texto. Pode me escrever, por favor?",
        "I got your voice note, but for now I can only read text messages. Could you type it for me, please?");

    public static readonly Localized Image = new(
        "Recibí tu imagen, pero por ahora solo puedo leer mensajes de texto. ¿Me cuentas por escrito qué necesitas?",
        "Recebi sua imagem, mas por enquanto só consigo ler mensagens de texto. Pode me contar por escrito o que precisa?",
        "I got your image, but for now I can only read text messages. Could you tell me in writing what you need?");

    public static readonly Localized Unsupported = new(
        "Por ahora solo puedo leer mensajes de texto. ¿Me lo escribes, por favor?",
        "Por enquanto só consigo ler mensagens de texto. Pode me escrever, por favor?",
        "For now I can only read text messages. Could you type it for me, please?");
}
