using Conversa.Api.Features.Admin;
using Conversa.Api.Features.Identity;
using Conversa.Api.Features.Operations;
using Conversa.Api.Features.Tenants;
using Conversa.Api.Tenancy;

namespace Conversa.Api.Features;

public static class ConversaEndpoints
{
    public static WebApplication MapConversaEndpoints(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymousGlobal();
        app.MapGet("/", () => TypedResults.Redirect("/docs")).AllowAnonymousGlobal().ExcludeFromDescription();
        app.MapOperationsEndpoints();
        app.MapAuthEndpoints();
        app.MapUserEndpoints();
        app.MapApiKeyEndpoints();
        app.MapTenantSettingsEndpoints();
        app.MapAdminTenantEndpoints();
        app.MapPlanEndpoints();
        app.MapAuditEndpoints();
        app.MapCompaniesEndpoints();
        return app;
    }
}
