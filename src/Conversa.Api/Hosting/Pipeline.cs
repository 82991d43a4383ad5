using Conversa.Api.Features.Operations;
using Conversa.Api.Tenancy;

namespace Conversa.Api.Hosting;

public static class Pipeline
{
    public static WebApplication UseConversaPipeline(this WebApplication app)
    {
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Conversa API v1");
            o.DocumentTitle = "Conversa API";
        });
        app.UseRouting();
        // Before credentials: a CORS preflight carries none and is answered here (widget endpoints only).
        app.UseCors();
        app.UseMiddleware<BodySizeLimits>();
        app.UseMiddleware<TenancyMiddleware>();
        app.UseRateLimiter();
        return app;
    }
}
