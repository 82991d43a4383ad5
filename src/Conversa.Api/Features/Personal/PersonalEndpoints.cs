using Conversa.Api.Tenancy;

namespace Conversa.Api.Features.Personal;

public static class PersonalEndpoints
{
    /// <summary>
    /// The signed-in user's own appointments, tasks and linked WhatsApp number. Nobody else's items are ever
    /// reachable here: another user's id answers 404 exactly like a missing one, for owners too.
    /// </summary>
    public static void MapPersonalEndpoints(this IEndpointRouteBuilder app)
    {
        var personal = app.MapGroup("/api/personal")
            .RequireTenantUser()
            .AddEndpointFilter(PersonalCaller.RequireOwnAgenda)
            .WithTags("Personal");
        personal.MapAppointmentEndpoints();
        personal.MapTaskEndpoints();
        personal.MapLinkPhoneEndpoints();
    }
}
