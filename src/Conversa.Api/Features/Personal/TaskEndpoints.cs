using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Core.Personal;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Personal;
using NodaTime;

namespace Conversa.Api.Features.Personal;

public static class TaskEndpoints
{
    private const string NotFoundDetail = "No such task.";

    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/tasks");
        tasks.MapGet("", List).Produces<Page<TaskView>>();
        tasks.MapPost("", Create).Accepts<TaskRequest>("application/json").Produces<TaskView>(StatusCodes.Status201Created);
        tasks.MapGet("/categories", Categories).Produces<CategoryList>();
        tasks.MapGet("/{id:guid}", Get).Produces<TaskView>();
        tasks.MapPut("/{id:guid}", Replace).Accepts<TaskRequest>("application/json").Produces<TaskView>();
        tasks.MapPatch("/{id:guid}", Patch).Accepts<JsonObject>("application/merge-patch+json", "application/json").Produces<TaskView>();
        tasks.MapDelete("/{id:guid}", Delete).Produces(StatusCodes.Status204NoContent);
    }

    public sealed record CategoryList(IReadOnlyList<CategoryCount> Categories);

    private static async Task<IResult> List(
        [AsParameters] TaskQuery query, int? limit, string? cursor, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken)
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
        var page = await agenda.ListTasksAsync(http.UserId(), filter, paging.Offset, paging.Limit, cancellationToken);
        var now = agenda.UtcNow;
        return TypedResults.Ok(paging.Page(page.Items.Select(t => TaskView.From(t, zone, now)).ToList(), page.Total));
    }

    private static async Task<IResult> Categories(HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CategoryList(await agenda.TaskCategoriesAsync(http.UserId(), cancellationToken)));

    private static async Task<IResult> Get(Guid id, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken)
    {
        var zone = (await agenda.CalendarAsync(cancellationToken)).Zone;
        return await agenda.FindTaskAsync(http.UserId(), id, cancellationToken) is { } task
            ? TypedResults.Ok(TaskView.From(task, zone, agenda.UtcNow))
            : Problems.NotFound(NotFoundDetail);
    }

    private static async Task<IResult> Create(JsonObject body, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken)
    {
        var zone = (await agenda.CalendarAsync(cancellationToken)).Zone;
        var errors = new ValidationErrors();
        var draft = TaskJson.Read(body, zone, errors);
        if (errors.Any)
        {
            return PersonalResults.Invalid(draft.Validate(), errors);
        }
        var result = await agenda.CreateTaskAsync(http.UserId(), draft, cancellationToken);
        return PersonalResults.Answer(result, NotFoundDetail, task =>
            TypedResults.Created($"/api/personal/tasks/{task.Id}", TaskView.From(task, zone, agenda.UtcNow)));
    }

    /// <summary>PUT replaces the whole task: fields not sent take their defaults, as on create.</summary>
    private static async Task<IResult> Replace(Guid id, JsonObject body, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken)
    {
        var zone = (await agenda.CalendarAsync(cancellationToken)).Zone;
        var errors = new ValidationErrors();
        var draft = TaskJson.Read(body, zone, errors);
        return await SaveAsync(id, draft, errors, http, agenda, zone, cancellationToken);
    }

    /// <summary>RFC 7396 merge patch over the task: <c>{"status": "completed"}</c> completes it and keeps the rest.</summary>
    private static async Task<IResult> Patch(Guid id, JsonObject patch, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken)
    {
        var zone = (await agenda.CalendarAsync(cancellationToken)).Zone;
        var current = await agenda.FindTaskAsync(http.UserId(), id, cancellationToken);
        if (current is null)
        {
            return Problems.NotFound(NotFoundDetail);
        }
        var merged = JsonMergePatch.Apply(TaskJson.ToJson(current, zone), patch) as JsonObject ?? [];
        var errors = new ValidationErrors();
        var draft = TaskJson.Read(merged, zone, errors);
        return await SaveAsync(id, draft, errors, http, agenda, zone, cancellationToken);
    }

    private static async Task<IResult> SaveAsync(
        Guid id, TaskDraft draft, ValidationErrors errors, HttpContext http, PersonalAgenda agenda, DateTimeZone zone,
        CancellationToken cancellationToken)
    {
        if (errors.Any)
        {
            // Someone else's or a missing task is 404 before its body is judged.
            return await agenda.FindTaskAsync(http.UserId(), id, cancellationToken) is null
                ? Problems.NotFound(NotFoundDetail)
                : PersonalResults.Invalid(draft.Validate(), errors);
        }
        var result = await agenda.ReplaceTaskAsync(http.UserId(), id, draft, cancellationToken);
        return PersonalResults.Answer(result, NotFoundDetail, task => TypedResults.Ok(TaskView.From(task, zone, agenda.UtcNow)));
    }

    private static async Task<IResult> Delete(Guid id, HttpContext http, PersonalAgenda agenda, CancellationToken cancellationToken) =>
        await agenda.DeleteTaskAsync(http.UserId(), id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound(NotFoundDetail);
}
