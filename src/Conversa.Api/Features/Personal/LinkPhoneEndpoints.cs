using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Core.Personal;
using Conversa.Core.Time;
using Conversa.Infrastructure.Personal;

namespace Conversa.Api.Features.Personal;

public static class LinkPhoneEndpoints
{
    private const string NoneLinked = "You have no linked phone.";

    public static void MapLinkPhoneEndpoints(this IEndpointRouteBuilder app)
    {
        var link = app.MapGroup("/link-phone");
        link.MapPost("", Link).Accepts<LinkPhoneRequest>("application/json").Produces<LinkedPhoneView>();
        link.MapGet("", Get).Produces<LinkedPhoneView>();
        link.MapDelete("", Unlink).Produces(StatusCodes.Status204NoContent);
    }

    /// <summary>The user's linked WhatsApp number (E.164) and when it was linked.</summary>
    public sealed record LinkedPhoneView(string Phone, string LinkedAt);

    /// <summary>Links (or replaces) the caller's number: 200 with the normalised number; another user's number is 409.</summary>
    private static async Task<IResult> Link(JsonObject body, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var phone = new JsonFields(body, errors).String("phone");
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var result = await agenda.LinkPhoneAsync(http.UserId(), phone, cancellationToken);
        var zone = (await agenda.CalendarAsync(cancellationToken)).Zone;
        return PersonalResults.Answer(result, NoneLinked, linked => TypedResults.Ok(View(linked, zone)));
    }

    private static async Task<IResult> Get(HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken)
    {
        var zone = (await agenda.CalendarAsync(cancellationToken)).Zone;
        return await agenda.FindLinkedPhoneAsync(http.UserId(), cancellationToken) is { } linked
            ? TypedResults.Ok(View(linked, zone))
            : Problems.NotFound(NoneLinked);
    }

    private static async Task<IResult> Unlink(HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken) =>
        await agenda.UnlinkPhoneAsync(http.UserId(), cancellationToken) ? TypedResults.NoContent() : Problems.NotFound(NoneLinked);

    private static LinkedPhoneView View(LinkedPhone linked, NodaTime.DateTimeZone zone) => new(linked.Phone, ZonedTime.Format(linked.LinkedAt, zone));
}
