using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Core.Personal;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Personal;

namespace Conversa.Api.Features.Personal;

public static class AppointmentEndpoints
{
    private const string NotFoundDetail = "No such appointment.";

    public static void MapAppointmentEndpoints(this IEndpointRouteBuilder app)
    {
        var appointments = app.MapGroup("/appointments");
        appointments.MapGet("", List).Produces<Page<AppointmentView>>();
        appointments.MapPost("", Create).Accepts<AppointmentRequest>("application/json").Produces<AppointmentView>(StatusCodes.Status201Created);
        appointments.MapGet("/{id:guid}", Get).Produces<AppointmentView>();
        appointments.MapPut("/{id:guid}", Replace).Accepts<AppointmentRequest>("application/json").Produces<AppointmentView>();
        appointments.MapPatch("/{id:guid}", Patch).Accepts<JsonObject>("application/merge-patch+json", "application/json").Produces<AppointmentView>();
        appointments.MapDelete("/{id:guid}", Delete).Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> List(
        [AsParameters] AppointmentQuery query, int? limit, string? cursor, HttpContext http, PersonalAgenda agenda,
        CancellationToken cancellationToken)
    {
        var zone = (await agenda.CalendarAsync(cancellationToken)).Zone;
        var errors = new ValidationErrors();
        var filter = query.ToFilter(zone, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }
        var page = await agenda.ListAppointmentsAsync(http.UserId(), filter, paging.Offset, paging.Limit, cancellationToken);
        return TypedResults.Ok(paging.Page(page.Items.Select(e => AppointmentView.From(e, zone)).ToList(), page.Total));
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken)
    {
        var zone = (await agenda.CalendarAsync(cancellationToken)).Zone;
        return await agenda.FindAppointmentWithConflictsAsync(http.UserId(), id, cancellationToken) is { } entry
            ? TypedResults.Ok(AppointmentView.From(entry, zone))
            : Problems.NotFound(NotFoundDetail);
    }

    private static async Task<IResult> Create(JsonObject body, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken)
    {
        var zone = (await agenda.CalendarAsync(cancellationToken)).Zone;
        var errors = new ValidationErrors();
        var draft = AppointmentJson.Read(body, zone, errors);
        if (errors.Any)
        {
            return PersonalResults.Invalid(draft.Validate(), errors);
        }
        var result = await agenda.CreateAppointmentAsync(http.UserId(), draft, cancellationToken);
        return PersonalResults.Answer(result, NotFoundDetail, entry =>
            TypedResults.Created($"/api/personal/appointments/{entry.Appointment.Id}", AppointmentView.From(entry, zone)));
    }

    /// <summary>PUT replaces the whole appointment: fields not sent take their defaults, as on create.</summary>
    private static async Task<IResult> Replace(
        Guid id, JsonObject body, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken)
    {
        var zone = (await agenda.CalendarAsync(cancellationToken)).Zone;
        var errors = new ValidationErrors();
        var draft = AppointmentJson.Read(body, zone, errors);
        return await SaveAsync(id, draft, errors, http, agenda, zone, cancellationToken);
    }

    /// <summary>
    /// RFC 7396 merge patch over the appointment: fields not sent are kept, <c>null</c> clears one. Moving only the
    /// start keeps the duration.
    /// </summary>
    private static async Task<IResult> Patch(
        Guid id, JsonObject patch, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken)
    {
        var zone = (await agenda.CalendarAsync(cancellationToken)).Zone;
        var userId = http.UserId();
        var current = await agenda.FindAppointmentAsync(userId, id, cancellationToken);
        if (current is null)
        {
            return Problems.NotFound(NotFoundDetail);
        }
        var merged = JsonMergePatch.Apply(AppointmentJson.ToJson(current, zone), patch) as JsonObject ?? [];
        var errors = new ValidationErrors();
        var draft = AppointmentJson.Read(merged, zone, errors);
        if (patch.ContainsKey("start_datetime") && !patch.ContainsKey("end_datetime") && draft.Start is { } start)
        {
            draft = draft with { End = start + (current.EndAt - current.StartAt) };
        }
        return await SaveAsync(id, draft, errors, http, agenda, zone, cancellationToken);
    }

    private static async Task<IResult> SaveAsync(
        Guid id, AppointmentDraft draft, ValidationErrors errors, HttpContext http, PersonalAgenda agenda, NodaTime.DateTimeZone zone,
        CancellationToken cancellationToken)
    {
        if (errors.Any)
        {
            // Someone else's or a missing appointment is 404 before its body is judged.
            return await agenda.FindAppointmentAsync(http.UserId(), id, cancellationToken) is null
                ? Problems.NotFound(NotFoundDetail)
                : PersonalResults.Invalid(draft.Validate(), errors);
        }
        var result = await agenda.ReplaceAppointmentAsync(http.UserId(), id, draft, cancellationToken);
        return PersonalResults.Answer(result, NotFoundDetail, entry => TypedResults.Ok(AppointmentView.From(entry, zone)));
    }

    private static async Task<IResult> Delete(Guid id, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken) =>
        await agenda.DeleteAppointmentAsync(http.UserId(), id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound(NotFoundDetail);
}
