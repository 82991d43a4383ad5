using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Booking;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Widget;

/// <summary>
/// The web chat widget: <c>GET /widget.js</c> (the embeddable script), <c>POST /api/widget/messages</c> (a visitor's
/// message to the tenant's customer assistant), <c>GET /api/widget/messages</c> (the replies since a cursor, so a human
/// agent's replies reach the visitor) and <c>GET /api/widget/config</c> (colour and greeting), plus a demo page that
/// embeds it (<c>GET /widget/demo</c>). The widget calls
/// with a public key from an allowed origin; a secret key may call too (server-side integrations). The tenant is the
/// key's; the visitor id only names a contact inside it.
/// </summary>
public static class WidgetEndpoints
{
    public static void MapWidgetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/widget.js", WidgetScript.Serve).AllowAnonymousGlobal().WithTags("Widget")
            .Produces(StatusCodes.Status200OK, contentType: "application/javascript");
        app.MapGet("/widget/demo", WidgetDemoPage.Serve).AllowAnonymousGlobal().ExcludeFromDescription();
        var widget = app.MapGroup("/api/widget").AllowPublicKey().RequireCors(WidgetCors.Policy).WithTags("Widget");
        widget.MapPost("/messages", PostMessage).Accepts<JsonObject>("application/json").Produces<WidgetReplyView>();
        // Polls are limited per visitor and address by WidgetRateLimits only: an open widget polls every few seconds
        // while a person has the conversation, and counting that against the key's budget made the visitors' sends 429.
        widget.MapGet("/messages", GetMessages).DisableRateLimiting().Produces<WidgetFeedView>();
        widget.MapGet("/config", GetConfig).Produces<WidgetConfigView>();
    }

    private static async Task<IResult> PostMessage(
        JsonObject? body, HttpContext http, WidgetRateLimits limits, CustomerContacts contacts, ChatEngine engine, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var request = WidgetMessage.Read(body, errors);
        if (request is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        if (limits.Acquire(http.Tenant(), request.VisitorId, http.Connection.RemoteIpAddress) is { } wait)
        {
            return Problems.TooManyRequests("Too many messages from this visitor; wait a moment.", wait, http);
        }
        var contact = await contacts.FindOrCreateByRefAsync(WidgetVisitor.ContactRef(request.VisitorId), null, cancellationToken);
        var metadata = http.Request.Headers.Origin.ToString() is { Length: > 0 and <= 200 } origin ? new JsonObject { ["origin"] = origin } : null;
        var turn = await engine.HandleAsync(
            new IncomingMessage(new ConversationKey(contact.Id, ConversationChannel.Widget), request.Message, Metadata: metadata), cancellationToken);
        return turn is null ? Problems.NotFound("No such visitor.") : TypedResults.Ok(WidgetReplyView.From(turn));
    }

    /// <summary>
    /// The visitor's replies after <c>after</c>, which are delivered now; a cursor that is no message of theirs is 400,
    /// like a malformed one.
    /// </summary>
    private static async Task<IResult> GetMessages(
        [AsParameters] WidgetFeedQuery query, HttpContext http, WidgetRateLimits limits, WidgetFeed feed, ConversationDesk desk,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var request = query.Read(errors);
        if (request is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        if (limits.AcquirePoll(http.Tenant(), request.VisitorId, http.Connection.RemoteIpAddress) is { } wait)
        {
            return Problems.TooManyRequests("This visitor asks for new messages too often; wait a moment.", wait, http);
        }
        if (limits.AcquireKeyPoll(http.Tenant()) is { } keyWait)
        {
            return Problems.TooManyRequests("This key asks for new messages too often for all its visitors together; wait a moment.", keyWait, http);
        }
        if (await feed.ReadAsync(request.VisitorId, request.After, request.Limit, cancellationToken) is not { } page)
        {
            return Problems.Validation("after", "after is not a message of this visitor's conversation; ask again without it.");
        }
        await feed.MarkDeliveredAsync(page.Replies, cancellationToken);
        return TypedResults.Ok(WidgetFeedView.From(page, request.After, await desk.ZoneAsync(cancellationToken)));
    }

    private static async Task<IResult> GetConfig(HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var id = http.Tenant().TenantId!.Value;
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == id, cancellationToken);
        var settings = JsonNode.Parse(tenant.SettingsJson) as JsonObject ?? [];
        var color = settings["widget"]?["primary_color"] is JsonValue c && c.TryGetValue<string>(out var hex) ? hex : "#2563eb";
        var greeting = settings["widget"]?["greeting_message"] is JsonValue g && g.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        var assistant = settings["assistant"]?["name"] is JsonValue n && n.TryGetValue<string>(out var name) && name.Length > 0 ? name : null;
        return TypedResults.Ok(new WidgetConfigView(tenant.Slug, tenant.Name, assistant, color, greeting, tenant.Language));
    }
}
