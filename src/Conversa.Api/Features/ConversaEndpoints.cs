using Conversa.Api.Features.Admin;
using Conversa.Api.Features.Booking;
using Conversa.Api.Features.Channels;
using Conversa.Api.Features.Usage;
using Conversa.Api.Features.Chat;
using Conversa.Api.Features.Catalog;
using Conversa.Api.Features.Conversations;
using Conversa.Api.Features.Identity;
using Conversa.Api.Features.Knowledge;
using Conversa.Api.Features.Multimedia;
using Conversa.Api.Features.OpenAi;
using Conversa.Api.Features.Operations;
using Conversa.Api.Features.Personal;
using Conversa.Api.Features.Reminders;
using Conversa.Api.Features.Tenants;
using Conversa.Api.Features.Tenants.Templates;
using Conversa.Api.Features.Widget;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;

namespace Conversa.Api.Features;

public static class ConversaEndpoints
{
    public static WebApplication MapConversaEndpoints(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymousGlobal();
        // Every feature hangs off one root group so the one validation filter covers every endpoint.
        var root = app.MapGroup("").AddEndpointFilterFactory(ValidationFilter.Factory);
        root.MapGet("/", () => TypedResults.Redirect("/docs")).AllowAnonymousGlobal().ExcludeFromDescription();
        root.MapOperationsEndpoints();
        root.MapAuthEndpoints();
        root.MapUserEndpoints();
        root.MapApiKeyEndpoints();
        root.MapTenantSettingsEndpoints();
        root.MapTemplateEndpoints();
        root.MapAdminTenantEndpoints();
        root.MapPlanEndpoints();
        root.MapAuditEndpoints();
        root.MapCompaniesEndpoints();
        root.MapCatalogEndpoints();
        root.MapKnowledgeEndpoints();
        root.MapBookingEndpoints();
        root.MapPersonalEndpoints();
        root.MapReminderEndpoints();
        root.MapConversationEndpoints();
        root.MapChatEndpoints();
        root.MapMultimediaEndpoints();
        root.MapOpenAiEndpoints();
        root.MapWidgetEndpoints();
        root.MapChatwootChannelEndpoints();
        root.MapChatwootWebhookEndpoints();
        root.MapWhatsAppChannelEndpoints();
        root.MapWhatsAppWebhookEndpoints();
        root.MapUsageEndpoints();
        return app;
    }
}
