using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Conversa.Api.Features.Widget;

public static class WidgetServices
{
    public static IServiceCollection AddWidget(this IServiceCollection services)
    {
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, WidgetCors>();
        services.AddOptions<WidgetOptions>().BindConfiguration(WidgetOptions.Section);
        services.AddSingleton<WidgetRateLimits>();
        services.AddScoped<WidgetFeed>();
        return services;
    }
}
