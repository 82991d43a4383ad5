using Conversa.Api.Features.Chat;
using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.OpenAi;

/// <summary>
/// OpenAI-compatible access to the tenant's assistant, so OpenAI clients and tools can talk to it with a secret key
/// (<c>Authorization: Bearer sk_...</c>): <c>POST /v1/chat/completions</c> (plain or streamed) answers the last user
/// message through <see cref="ChatEngine"/> on the <c>openai</c> channel, and <c>GET /v1/models</c> lists the names
/// it answers to (<see cref="AssistantModels"/>). <c>user</c> names the contact (<c>openai:{user}</c>), so one user's
/// messages continue one conversation; a request without it is a new contact and conversation of its own. A model
/// naming one of the tenant's agents has that agent answer the turn; an unknown one is <c>404 model_not_found</c>.
/// Streamed, a model's text reaches the client as the model writes it (<see cref="CompletionChunks"/>).
/// </summary>
public static class OpenAiEndpoints
{
    public static void MapOpenAiEndpoints(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireTenant().WithTags("OpenAI-compatible");
        v1.MapPost("/chat/completions", CompleteChat).Accepts<JsonObject>("application/json").Produces<ChatCompletionView>();
        v1.MapGet("/models", ListModels).Produces<OpenAiModelList>();
        v1.MapGet("/models/{model}", GetModel).Produces<OpenAiModelView>();
    }

    private static async Task<IResult> CompleteChat(
        JsonObject? body, AppDbContext db, TenantAssistants assistants, IEnumerable<IAgent> agents, CustomerContacts contacts,
        ChatEngine engine, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return OpenAiErrors.BadRequest("A JSON body is required: {model, messages: [{role, content}]}.");
        }
        var errors = new ValidationErrors();
        var request = ChatCompletionRequest.Read(body, errors);
        if (request is null)
        {
            return OpenAiErrors.Validation(errors.ToDictionary());
        }
        var models = AssistantModels.For((await assistants.LoadAsync(db, cancellationToken)).Profile, agents);
        if (!models.Contains(request.Model, StringComparer.Ordinal))
        {
            return OpenAiErrors.ModelNotFound(request.Model, models);
        }
        var externalRef = ChatCompletionRequest.RefPrefix + (request.User ?? Guid.CreateVersion7().ToString());
        var contact = await contacts.FindOrCreateByRefAsync(externalRef, request.User, cancellationToken);
        var chunks = request.Stream
            ? new CompletionChunks(http, "chatcmpl-" + Guid.CreateVersion7().ToString("N"), time.GetUtcNow().ToUnixTimeSeconds(), request.Model)
            : null;
        var turn = await engine.HandleAsync(
            new IncomingMessage(new ConversationKey(contact.Id, ConversationChannel.Openai), request.Message, Metadata: new JsonObject { ["model"] = request.Model })
            {
                Agent = request.Model == AssistantModels.Default ? null : request.Model,
                ReplyWriter = chunks,
            },
            cancellationToken);
        if (turn is null)
        {
            return OpenAiErrors.NotFound("No such contact.");
        }
        if (turn.OverQuota is { } refusal)
        {
            return OpenAiErrors.QuotaExceeded(QuotaProblem.Detail(refusal), QuotaProblem.RetryAfter(refusal, time), http);
        }
        var completion = new ChatCompletionView(
            chunks?.Id ?? "chatcmpl-" + (turn.ReplyMessageId ?? Guid.CreateVersion7()).ToString("N"),
            chunks?.Created ?? time.GetUtcNow().ToUnixTimeSeconds(),
            request.Model,
            [new ChatCompletionChoice(0, new AssistantMessage("assistant", turn.Reply), "stop")],
            CompletionUsage.Estimate(request.Message, turn.Reply),
            ConversaTurnView.From(turn, contact.Id));
        return chunks is null ? TypedResults.Ok(completion) : new ChatCompletionStreamResult(chunks, completion, request.IncludeUsage);
    }

    private static async Task<IResult> ListModels(AppDbContext db, TenantAssistants assistants, IEnumerable<IAgent> agents, CancellationToken cancellationToken)
    {
        var (ids, created, owner) = await ModelsAsync(db, assistants, agents, cancellationToken);
        return TypedResults.Ok(new OpenAiModelList(ids.Select(id => new OpenAiModelView(id, created, owner)).ToList()));
    }

    private static async Task<IResult> GetModel(
        string model, AppDbContext db, TenantAssistants assistants, IEnumerable<IAgent> agents, CancellationToken cancellationToken)
    {
        var (ids, created, owner) = await ModelsAsync(db, assistants, agents, cancellationToken);
        return ids.Contains(model, StringComparer.Ordinal)
            ? TypedResults.Ok(new OpenAiModelView(model, created, owner))
            : OpenAiErrors.ModelNotFound(model, ids);
    }

    /// <summary>The tenant's model names, when they came to be (the tenant's creation) and who owns them (the tenant's slug).</summary>
    private static async Task<(IReadOnlyList<string> Ids, long Created, string Owner)> ModelsAsync(
        AppDbContext db, TenantAssistants assistants, IEnumerable<IAgent> agents, CancellationToken cancellationToken)
    {
        var profile = (await assistants.LoadAsync(db, cancellationToken)).Profile;
        var tenantId = db.CurrentTenantId;
        var createdAt = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.CreatedAt).FirstAsync(cancellationToken);
        return (AssistantModels.For(profile, agents), new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc)).ToUnixTimeSeconds(), profile.TenantSlug);
    }
}
