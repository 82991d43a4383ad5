using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Features.Conversations;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.Chat;

/// <summary>
/// Talking to the tenant's assistant over HTTP: <c>POST /api/chat</c> (JSON, or SSE with
/// <c>Accept: text/event-stream</c>) and the seed-compatible <c>POST /conversations/{contact_id}/test</c>. Any tenant
/// credential may chat as a customer; the personal assistant needs a signed-in user. Over the monthly message limit both
/// answer <c>429</c> (<see cref="QuotaProblem"/>), before any stream starts; the refused turn is stored as on a channel.
/// Streamed, a model's text reaches the client as the model writes it (<see cref="ChatEvents"/>).
/// </summary>
public static class ChatEndpoints
{
    public static void MapChatEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/chat", Chat).RequireTenant().WithTags("Chat")
            .Accepts<JsonObject>("application/json").Produces<ChatView>();
        app.MapPost("/conversations/{contact_id}/test", Test).RequireTenant().WithTags("Chat")
            .Accepts<JsonObject>("application/json").Produces<TestChatView>();
    }

    private static async Task<IResult> Chat(
        JsonObject? body, HttpContext http, ChatKeys keys, ChatEngine engine, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var request = ChatRequest.Read(body, errors);
        if (request is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var (key, contact, problem) = await keys.ResolveAsync(request, http.Tenant(), ConversationChannel.Api, cancellationToken);
        if (key is null)
        {
            return problem!;
        }
        var events = WantsStream(http) ? new ChatEvents(http) : null;
        var turn = await engine.HandleAsync(
            new IncomingMessage(key, request.Message, Metadata: request.Metadata) { Contact = contact, ReplyWriter = events }, cancellationToken);
        // A missing contact or the quota stops a turn before any model writes: these are still plain problems.
        if (turn is null)
        {
            return Problems.NotFound("No such contact.");
        }
        if (turn.OverQuota is { } refusal)
        {
            return QuotaProblem.For(refusal, time, http);
        }
        var view = ChatView.From(turn, key.ContactId);
        return events is null ? TypedResults.Ok(view) : new ChatStreamResult(events, view);
    }

    private static async Task<IResult> Test(
        string contact_id, JsonObject? body, HttpContext http, ChatKeys keys, ChatEngine engine, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var message = new BodyFields(body, errors).String("message", ChatRequest.MaxMessageLength, required: true);
        errors.When(contact_id.Length > 196, "contact_id", "contact_id is at most 196 characters.");
        if (errors.Any || message is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        if (await keys.ContactRowAsync(contact_id.Trim(), cancellationToken) is not { } contact)
        {
            return Problems.NotFound("No such contact.");
        }
        var turn = await engine.HandleAsync(new IncomingMessage(new(contact.Id, ConversationChannel.Api), message) { Contact = contact }, cancellationToken);
        return turn is null ? Problems.NotFound("No such contact.")
            : turn.OverQuota is { } refusal ? QuotaProblem.For(refusal, time, http)
            : TypedResults.Ok(new TestChatView(turn.Reply, turn.Agent, turn.ConversationId, turn.Intent, turn.Handoff));
    }

    private static bool WantsStream(HttpContext http) =>
        http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);
}
