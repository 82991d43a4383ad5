using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Time;
using Conversa.Infrastructure.Booking;
using Microsoft.AspNetCore.Mvc;

namespace Conversa.Api.Features.Booking;

/// <summary><c>GET /api/availability</c>: free slots of a service, for one provider or all that perform it.</summary>
public static class AvailabilityEndpoints
{
    public static void MapAvailabilityEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/availability", Find).WithTags("Booking").RequireTenant();

    public sealed record AvailabilityRequest(
        [FromQuery(Name = "service_id")] string? ServiceId,
        [FromQuery(Name = "provider_id")] string? ProviderId,
        [FromQuery(Name = "from")] string? From,
        [FromQuery(Name = "to")] string? To) : IValidatable
    {
        public void Validate(ValidationErrors errors)
        {
            BookingFields.Id(errors, "service_id", ServiceId, required: true);
            BookingFields.Id(errors, "provider_id", ProviderId, required: false);
        }
    }

    public sealed record SlotView(string Start, string End, Guid ProviderId, string ProviderName);

    public sealed record AvailabilityView(Guid ServiceId, string From, string To, IReadOnlyList<SlotView> Slots);

    private static async Task<IResult> Find([AsParameters] AvailabilityRequest request, AvailabilityFinder finder, CancellationToken cancellationToken)
    {
        var serviceId = BookingFields.ParseId(request.ServiceId)!.Value;
        var (availability, failure) = await finder.FindAsync(
            new AvailabilityQuery(serviceId, BookingFields.ParseId(request.ProviderId), request.From, request.To), cancellationToken);
        if (failure is not null)
        {
            return BookingProblems.From(failure);
        }
        return TypedResults.Ok(new AvailabilityView(
            serviceId,
            ZonedTime.Format(availability!.From, availability.Zone),
            ZonedTime.Format(availability.To, availability.Zone),
            availability.Slots.Select(s => new SlotView(
                ZonedTime.Format(s.Start, s.Zone), ZonedTime.Format(s.End, s.Zone), s.ProviderId, s.ProviderName)).ToList()));
    }
}
