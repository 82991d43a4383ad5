namespace Conversa.Core.Conversations;

/// <summary>Where a conversation happens (<c>api</c>, <c>widget</c>, <c>whatsapp</c>, <c>chatwoot</c>, <c>openai</c> in the API and the database).</summary>
public enum ConversationChannel
{
    Api,
    Widget,
    Whatsapp,
    Chatwoot,
    Openai,
}
