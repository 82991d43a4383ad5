using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Engine;

public static class EngineServices
{
    /// <summary>The engine and every <see cref="IAgent"/> in this assembly (an agent is added by writing its class).</summary>
    public static IServiceCollection AddConversationEngine(this IServiceCollection services)
    {
        services.AddSingleton<TenantAssistants>();
        services.AddSingleton<ChatMetrics>();
        services.AddSingleton<MessageQuota>();
        services.AddScoped<StaffNotifier>();
        services.AddScoped<AiTokenNotice>();
        services.AddScoped<ChatEngine>();
        services.AddScoped<ModelReplies>();
        foreach (var type in typeof(IAgent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAgent).IsAssignableFrom(t)))
        {
            services.AddScoped(typeof(IAgent), type);
        }
        foreach (var type in typeof(IAgentTools).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAgentTools).IsAssignableFrom(t)))
        {
            services.AddScoped(typeof(IAgentTools), type);
        }
        return services;
    }
}
