using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Channels.Chatwoot;
using Conversa.Infrastructure.Channels.Chatwoot;
using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conversa.Api.Features.Channels;

/// <summary>
/// <c>POST /webhooks/chatwoot</c> (tenant found from <c>account.id</c> and <c>inbox.id</c>; when tenants on several
/// Chatwoot installs hold those, the delivery is acknowledged and not processed, as the payload does not name its
/// install) and <c>/webhooks/chatwoot/{tenant}</c>. The body is kept as received: a configured webhook secret is checked on the raw
/// bytes (bad or missing → 401, nothing stored). A customer's message is stored in the inbox, deduplicated on its id,
/// before <c>200</c>; the worker answers it later. Everything else — unknown accounts, our own and agents' messages,
/// private notes, other events, payloads we do not understand — is acknowledged with <c>200</c> and logged, never
/// answered, so Chatwoot neither loops nor retries.
/// </summary>
public static class ChatwootWebhookEndpoints
{
    public static void MapChatwootWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/webhooks/chatwoot").WithTags("Webhooks");
        // A webhook carries no credentials: the account (or the path) names the tenant, the signature proves the sender.
        webhooks.MapPost("", Receive).AllowAnonymousGlobal();
        webhooks.MapPost("/{tenant}", ReceiveForTenant).AllowAnonymousGlobal();
    }

    private static Task<IResult> Receive(HttpContext http, [AsParameters] ChatwootWebhookServices services, CancellationToken cancellationToken) =>
        ReceiveAsync(http, null, services, cancellationToken);

    private static Task<IResult> ReceiveForTenant(string tenant, HttpContext http, [AsParameters] ChatwootWebhookServices services, CancellationToken cancellationToken) =>
        ReceiveAsync(http, tenant, services, cancellationToken);

    private static readonly string[] KeptHeaders =
        [ChatwootSignature.SignatureHeader, ChatwootSignature.TimestampHeader, ChatwootSignature.DeliveryHeader, "User-Agent", "Content-Type"];

    private static async Task<IResult> ReceiveAsync(HttpContext http, string? tenantName, ChatwootWebhookServices services, CancellationToken cancellationToken)
    {
        // Kestrel's body limit (BodySizeLimits) bounds it.
        var body = (await RawBody.ReadAsync(http.Request, long.MaxValue, cancellationToken))!;
        var parsed = ChatwootWebhookParser.Parse(body);
        Guid tenantId;
        if (tenantName is not null)
        {
            var tenant = await services.Tenants.FindAsync(tenantName, cancellationToken);
            if (tenant is null)
            {
                return Problems.NotFound($"There is no tenant '{tenantName}'.");
            }
            if (!tenant.IsActive)
            {
                return Problems.Forbidden($"Tenant '{tenant.Slug}' is suspended: its channels are refused.");
            }
            tenantId = tenant.Id;
        }
        else
        {
            if (parsed is null)
            {
                return Problems.BadRequest("The body is not a JSON object.");
            }
            var route = parsed.AccountId is { } account
                ? await services.Directory.FindTenantAsync(account, parsed.InboxId, cancellationToken)
                : ChatwootRoute.Unknown;
            if (route.Ambiguous)
            {
                services.Logger.LogWarning(
                    "Chatwoot webhook on the platform URL for account {AccountId} inbox {InboxId}, which tenants on several Chatwoot installs configured: " +
                    "acknowledged, not processed; point each install's webhook at its tenant URL /webhooks/chatwoot/{{tenant}}",
                    parsed.AccountId, parsed.InboxId);
                return Acknowledged("account and inbox configured on several Chatwoot installs: use the tenant URL");
            }
            if (route.TenantId is not { } found)
            {
                services.Logger.LogInformation("Chatwoot webhook for account {AccountId} inbox {InboxId} that no tenant configured: acknowledged, not processed",
                    parsed.AccountId, parsed.InboxId);
                return Acknowledged("unknown account");
            }
            tenantId = found;
            if (await services.Tenants.FindAsync(tenantId, cancellationToken) is not { IsActive: true })
            {
                return Problems.Forbidden("The tenant of this Chatwoot account is suspended: its channels are refused.");
            }
        }

        var settings = await services.Settings.GetAsync(tenantId, cancellationToken);
        if (settings.Channel is not { } config)
        {
            return Problems.NotFound("This tenant has no Chatwoot channel; configure it with PUT /api/channels/chatwoot.");
        }
        if (settings.WebhookSecret is { } secret && !ChatwootSignature.IsValid(secret, http.Request.Headers[ChatwootSignature.TimestampHeader].ToString(), body,
                http.Request.Headers[ChatwootSignature.SignatureHeader].ToString(), services.Time.GetUtcNow()))
        {
            return Problems.Unauthorized(
                $"{ChatwootSignature.SignatureHeader} must be sha256=<hex HMAC-SHA256 of \"{{{ChatwootSignature.TimestampHeader}}}.{{raw body}}\" with the webhook secret>, " +
                "and the timestamp within 5 minutes of now.");
        }
        if (parsed is null)
        {
            return Problems.BadRequest("The body is not a JSON object.");
        }
        if ((parsed.AccountId is { } accountId && accountId != config.AccountId) || (config.InboxId is { } inbox && parsed.InboxId is { } sent && sent != inbox))
        {
            services.Logger.LogInformation("Chatwoot webhook for account {AccountId} inbox {InboxId} on tenant {TenantId}, which answers {Configured}: not processed",
                parsed.AccountId, parsed.InboxId, tenantId, config.RoutingKey);
            return Acknowledged("another account or inbox");
        }
        if (parsed.Message is not { } message)
        {
            services.Logger.LogDebug("Chatwoot {Event} for tenant {TenantId} not answered: {Reason}", parsed.Name, tenantId, parsed.Ignored);
            return Acknowledged(parsed.Ignored ?? "nothing to answer");
        }

        var item = new InboxItem(ChatwootInboxHandler.ChannelName, ChatwootInboxHandler.KeyOf(tenantId, message.MessageId), tenantId,
            ChatwootInboxHandler.MessageKind, ChatwootInboxHandler.PayloadOf(config.AccountId, message));
        var headers = KeptHeaders
            .Where(h => http.Request.Headers.ContainsKey(h))
            .ToDictionary(h => h, h => http.Request.Headers[h].ToString(), StringComparer.OrdinalIgnoreCase);
        // Resolved here, not bound: a host without the durable inbox still acknowledges, checks and refuses webhooks.
        if (http.RequestServices.GetService<IInbox>() is not { } durableInbox)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The inbox is not available; Chatwoot will deliver again.");
        }
        var accepted = await durableInbox.AcceptAsync(new InboxDelivery(ChatwootInboxHandler.ChannelName, body, headers), [item], cancellationToken);
        return TypedResults.Ok(new ChatwootWebhookAck(accepted.Duplicates > 0 ? "duplicate" : "accepted"));
    }

    private static Ok<ChatwootWebhookAck> Acknowledged(string reason) => TypedResults.Ok(new ChatwootWebhookAck("ignored", reason));
}

/// <summary>What a webhook answers: <c>accepted</c>, <c>duplicate</c> (stored before) or <c>ignored</c> with why.</summary>
public sealed record ChatwootWebhookAck(string Status, string? Reason = null);

/// <summary>The webhook's dependencies, bound with <c>[AsParameters]</c>.</summary>
public sealed record ChatwootWebhookServices(
    TenantDirectory Tenants, ChatwootDirectory Directory, ChatwootWebhookSettings Settings, TimeProvider Time, ILogger<ChatwootWebhookServices> Logger);
