using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Conversations;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Conversations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Conversa.Api.Features.Conversations;

/// <summary>
/// <c>/api/conversations</c>: the tenant's staff (any tenant user or a secret key) read conversations, take them over
/// from the bot and hand them back, and reply as a human; deleting one is for owners and admins. Another tenant's
/// conversation, and another user's personal-assistant conversation, answer 404 like a missing one. The work is done
/// by <see cref="ConversationDesk"/>; the conversations themselves are written by the engine through
/// <see cref="ConversationStore"/>.
/// </summary>
public static class ConversationEndpoints
{
    private const string NotFoundDetail = "No such conversation.";

    public static void MapConversationEndpoints(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/conversations").WithTags("Conversations");
        conversations.MapGet("", List).RequireTenant().Produces<Page<ConversationView>>();
        conversations.MapGet("/{id:guid}", Get).RequireTenant().Produces<ConversationView>();
        conversations.MapDelete("/{id:guid}", Delete).RequireTenantManager().Produces(StatusCodes.Status204NoContent);
        conversations.MapPost("/{id:guid}/handoff", HandOff).RequireTenant()
            .Accepts<HandoffRequest>("application/json").Produces<ConversationView>();
        conversations.MapPost("/{id:guid}/bot", SetBot).RequireTenant()
            .Accepts<BotRequest>("application/json").Produces<ConversationView>();
        conversations.MapPost("/{id:guid}/messages", Reply).RequireTenant()
            .Accepts<AgentReplyRequest>("application/json").Produces<ConversationMessageView>(StatusCodes.Status201Created);
    }

    private static async Task<IResult> List(
        [AsParameters] ConversationQuery query, int? limit, string? cursor, HttpContext http, ConversationDesk desk, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var filter = query.ToFilter(errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }
        var page = await desk.ListAsync(http.Viewer(), filter, paging.Offset, paging.Limit, cancellationToken);
        var zone = await desk.ZoneAsync(cancellationToken);
        return TypedResults.Ok(paging.Page(page.Items.Select(s => ConversationView.From(s, zone)).ToList(), page.Total));
    }

    /// <summary>The conversation with its latest <see cref="ConversationDesk.MaxMessagesShown"/> messages, oldest first.</summary>
    private static async Task<IResult> Get(Guid id, HttpContext http, ConversationDesk desk, CancellationToken cancellationToken)
    {
        if (await desk.GetAsync(http.Viewer(), id, cancellationToken) is not { } thread)
        {
            return Problems.NotFound(NotFoundDetail);
        }
        return TypedResults.Ok(ConversationView.From(thread.Summary, await desk.ZoneAsync(cancellationToken), thread.Messages));
    }

    private static async Task<IResult> Delete(Guid id, HttpContext http, ConversationDesk desk, CancellationToken cancellationToken) =>
        await desk.DeleteAsync(http.Viewer(), id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound(NotFoundDetail);

    /// <summary>A human takes over: the bot stays silent until handed back. Idempotent; the body (<c>{reason}</c>) is optional.</summary>
    private static async Task<IResult> HandOff(
        Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body, HttpContext http, ConversationDesk desk,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var reason = new BodyFields(body, errors).String("reason", Conversation.MaxHandoffReasonLength);
        if (errors.Any)
        {
            return await NotFoundOrInvalidAsync(id, errors, http, desk, cancellationToken);
        }
        return await Answer(await desk.HandOffAsync(http.Viewer(), id, reason, cancellationToken), desk, cancellationToken);
    }

    /// <summary><c>{"enabled": true}</c> hands the conversation back to the bot; <c>false</c> takes it over. Idempotent.</summary>
    private static async Task<IResult> SetBot(Guid id, JsonObject body, HttpContext http, ConversationDesk desk, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var enabled = new BodyFields(body, errors).RequiredBool("enabled");
        if (enabled is null)
        {
            return await NotFoundOrInvalidAsync(id, errors, http, desk, cancellationToken);
        }
        return await Answer(await desk.SetBotAsync(http.Viewer(), id, enabled.Value, cancellationToken), desk, cancellationToken);
    }

    /// <summary>A human agent's reply: stored (role <c>agent</c>) and handed to the conversation's channel. It does not hand the conversation back.</summary>
    private static async Task<IResult> Reply(Guid id, JsonObject body, HttpContext http, ConversationDesk desk, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var content = new BodyFields(body, errors).String("content", ConversationDesk.MaxReplyLength, required: true);
        if (errors.Any || content is null)
        {
            return await NotFoundOrInvalidAsync(id, errors, http, desk, cancellationToken);
        }
        if (await desk.ReplyAsync(http.Viewer(), id, content, cancellationToken) is not { } message)
        {
            return Problems.NotFound(NotFoundDetail);
        }
        var zone = await desk.ZoneAsync(cancellationToken);
        return TypedResults.Created($"/api/conversations/{id}", ConversationMessageView.From(message, zone));
    }

    private static async Task<IResult> Answer(ConversationSummary? summary, ConversationDesk desk, CancellationToken cancellationToken) =>
        summary is null
            ? Problems.NotFound(NotFoundDetail)
            : TypedResults.Ok(ConversationView.From(summary, await desk.ZoneAsync(cancellationToken)));

    /// <summary>Someone else's or a missing conversation is 404 before its body is judged, so a bad body reveals nothing.</summary>
    private static async Task<IResult> NotFoundOrInvalidAsync(
        Guid id, ValidationErrors errors, HttpContext http, ConversationDesk desk, CancellationToken cancellationToken) =>
        await desk.FindAsync(http.Viewer(), id, cancellationToken) is null
            ? Problems.NotFound(NotFoundDetail)
            : Problems.Validation(errors.ToDictionary());

    /// <summary>Who is looking: a tenant user, or (null) a secret key or a platform superadmin, who is no user of the tenant.</summary>
    private static ConversationViewer Viewer(this HttpContext http)
    {
        var caller = http.Tenant();
        return new ConversationViewer(caller.Caller == CallerKind.User && !caller.IsSuperadmin ? caller.UserId : null);
    }
}
