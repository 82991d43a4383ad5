using Conversa.Api.Features.Identity;
using Conversa.Api.Features.Operations;
using Conversa.Api.Features.Admin;
using Conversa.Api.Features.OpenAi;
using Conversa.Api.Features.Widget;
using Conversa.Api.Tenancy;
using Conversa.Infrastructure.Configuration;

namespace Conversa.Api.Hosting;

public static class ApiServices
{
    public static IServiceCollection AddConversaApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => JsonDefaults.Apply(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddOpenAiErrors();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi(OpenApiDocumentSetup.Configure);
        services.AddHttpContextAccessor();
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<ConversaOptions>((kestrel, conversa) => kestrel.Limits.MaxRequestBodySize = conversa.MaxUploadBytes);
        services.AddSingleton<RequestMetrics>();
        services.AddTenantRateLimits();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<TenantProvisioning>();
        services.AddScoped<CompaniesConfigImporter>();
        services.AddScoped<TenantTransfer>();
        services.AddScoped<TenantHealthReporter>();
        services.AddScoped<Features.Chat.ChatKeys>();
        services.AddScoped<Features.Channels.WhatsAppWebhookReceiver>();
        services.AddWidget();
        return services;
    }
}
