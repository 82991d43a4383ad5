using Conversa.Api.Hosting;
using Conversa.Core.Channels;
using Conversa.Infrastructure.Channels;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Tenancy;

namespace Conversa.Api.Features.Channels;

/// <summary>
/// <c>POST /webhooks/whatsapp[/{tenant}]</c>: checks the signature on the raw bytes, splits the body into messages and
/// statuses, finds each one's tenant by its number, and stores them in the inbox before answering 200 — the inbox
/// worker answers later. Redeliveries are stored once (keys <c>msg:{wamid}</c>, <c>status:{wamid}:{status}</c>);
/// updates for a number no tenant holds are stored as ignored and logged. Anything JSON is acknowledged, so Meta does
/// not redeliver a body it will always send the same way.
/// </summary>
public sealed class WhatsAppWebhookReceiver(
    ConversaOptions options, WhatsAppNumberDirectory numbers, WhatsAppAppSecrets appSecrets, IInbox inbox, ILogger<WhatsAppWebhookReceiver> logger)
{
    private static readonly string[] KeptHeaders = [WhatsAppSignature.HeaderName, "Content-Type", "User-Agent", "X-Forwarded-For"];

    public async Task<IResult> ReceiveAsync(HttpRequest request, TenantInfo? routeTenant, CancellationToken cancellationToken)
    {
        var raw = await RawBody.ReadAsync(request, options.WhatsApp.MaxWebhookBytes, cancellationToken);
        if (raw is null)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"A WhatsApp webhook body is at most {options.WhatsApp.MaxWebhookBytes} bytes.", "payload-too-large");
        }
        var signature = request.Headers[WhatsAppSignature.HeaderName].ToString();
        var platformSecret = string.IsNullOrEmpty(options.WhatsApp.AppSecret) ? null : options.WhatsApp.AppSecret;
        var secret = routeTenant is null ? platformSecret : await appSecrets.GetAsync(routeTenant.Id, cancellationToken) ?? platformSecret;
        if (secret is not null && !WhatsAppSignature.IsValid(secret, raw, signature))
        {
            return BadSignature();
        }
        if (WhatsAppWebhook.Split(raw) is not { } updates)
        {
            return Problems.BadRequest("The body is not JSON.");
        }
        var items = new List<InboxItem>(updates.Count);
        var tenants = new Dictionary<Guid, bool>();
        foreach (var update in updates)
        {
            var tenantId = update.PhoneNumberId is { } number ? await numbers.FindTenantAsync(number, cancellationToken) : null;
            if (routeTenant is not null && tenantId is { } owner && owner != routeTenant.Id)
            {
                // A tenant's URL only carries that tenant's numbers; another's number here is someone else's business.
                tenantId = null;
            }
            if (tenantId is null)
            {
                logger.LogInformation("WhatsApp {Kind} {Key} for unknown number {PhoneNumberId}: acknowledged, not processed",
                    update.Kind, update.Key, update.PhoneNumberId ?? "(none)");
            }
            else
            {
                tenants[tenantId.Value] = true;
            }
            items.Add(new InboxItem(WhatsAppInboxHandler.ChannelName, update.Key, tenantId, update.Kind, update.Payload));
        }
        if (routeTenant is null && secret is null)
        {
            // No platform app: a tenant that set its own app secret must not get unsigned events on the shared URL.
            foreach (var tenantId in tenants.Keys)
            {
                if (await appSecrets.GetAsync(tenantId, cancellationToken) is { } tenantSecret && !WhatsAppSignature.IsValid(tenantSecret, raw, signature))
                {
                    return BadSignature();
                }
            }
        }
        var headers = KeptHeaders.Where(h => request.Headers.ContainsKey(h))
            .ToDictionary(h => h, h => request.Headers[h].ToString(), StringComparer.OrdinalIgnoreCase);
        await inbox.AcceptAsync(new InboxDelivery(WhatsAppInboxHandler.ChannelName, raw, headers), items, cancellationToken);
        return TypedResults.Ok();
    }

    private static IResult BadSignature() =>
        Problems.Unauthorized($"{WhatsAppSignature.HeaderName} must be sha256=<hex HMAC-SHA256 of the raw body with the Meta app secret>.");
}
