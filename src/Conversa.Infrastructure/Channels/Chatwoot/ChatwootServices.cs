using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Channels.Chatwoot;

public static class ChatwootServices
{
    /// <summary>
    /// The Chatwoot channel: its API client (a typed HttpClient; a slow Chatwoot is a retry, not a stuck sender), inbox
    /// handler, outbox sender, and the webhook's cached settings.
    /// </summary>
    public static IServiceCollection AddChatwootChannel(this IServiceCollection services)
    {
        services.AddSingleton<ChatwootWebhookSettings>();
        services.AddHttpClient<ChatwootClient>(http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddInboxHandler<ChatwootInboxHandler>();
        services.AddChannelSender<ChatwootSender>();
        return services;
    }
}
