using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Channels.Chatwoot;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Channels.Chatwoot;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Channels;

/// <summary>
/// <c>/api/channels/chatwoot</c>: the tenant's Chatwoot connection (owner/admin). Secrets are encrypted in the tenant's
/// secrets and shown only as <c>*_set</c>; an account and inbox another tenant configured on the same install (normalised
/// <c>base_url</c>) is 409, while another install's account of the same number is not theirs.
/// </summary>
public static class ChatwootChannelEndpoints
{
    public static void MapChatwootChannelEndpoints(this IEndpointRouteBuilder app)
    {
        var chatwoot = app.MapGroup("/api/channels/chatwoot").WithTags("Channels");
        chatwoot.MapGet("", Get).RequireTenantManager();
        chatwoot.MapPut("", Put).RequireTenantManager();
        chatwoot.MapDelete("", Delete).RequireTenantManager();
    }

    private static async Task<IResult> Get(AppDbContext db, TenantSecretStore secrets, CancellationToken cancellationToken)
    {
        var channel = await db.ChatwootChannels.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return channel is null
            ? NotConfigured()
            : TypedResults.Ok(ChatwootChannelView.From(channel, db.Tenant.TenantSlug ?? "", await secrets.NamesAsync(cancellationToken)));
    }

    private static async Task<IResult> Put(
        ChatwootChannelRequest request, AppDbContext db, TenantSecretStore secrets, ChatwootDirectory directory, ChatwootWebhookSettings webhookSettings,
        AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var accountId = request.AccountId!.Value;
        var baseUrl = request.NormalizedBaseUrl;
        if (await directory.HeldByAnotherTenantAsync(db.CurrentTenantId, baseUrl, accountId, request.InboxId, cancellationToken))
        {
            return Taken(baseUrl, accountId, request.InboxId);
        }
        var names = await secrets.NamesAsync(cancellationToken);
        if (request.ApiAccessToken is null && !names.Contains(ChatwootChannel.ApiAccessTokenSecret))
        {
            return Problems.Validation("api_access_token", "api_access_token is required: the agent bot's (or an agent's) access token.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var channel = await db.ChatwootChannels.FirstOrDefaultAsync(cancellationToken);
        var created = channel is null;
        if (channel is null)
        {
            channel = new ChatwootChannel { CreatedAt = now };
            db.ChatwootChannels.Add(channel);
        }
        channel.BaseUrl = baseUrl;
        channel.AccountId = accountId;
        channel.InboxId = request.InboxId;
        channel.RoutingKey = ChatwootChannel.RoutingKeyOf(accountId, request.InboxId);
        channel.UpdatedAt = now;
        if (request.ApiAccessToken is { } token)
        {
            await secrets.SetAsync(ChatwootChannel.ApiAccessTokenSecret, token.Trim(), cancellationToken);
        }
        if (request.WebhookSecret is { } secret)
        {
            if (secret.Trim().Length == 0)
            {
                await secrets.RemoveAsync(ChatwootChannel.WebhookSecretName, cancellationToken);
            }
            else
            {
                await secrets.SetAsync(ChatwootChannel.WebhookSecretName, secret.Trim(), cancellationToken);
            }
        }
        audit.Record(created ? "channel.chatwoot_created" : "channel.chatwoot_updated", db.CurrentTenantId, channel.RoutingKey,
            new { base_url = channel.BaseUrl, account_id = accountId, inbox_id = request.InboxId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another tenant configured the same install's account and inbox a moment ago.
            return Taken(baseUrl, accountId, request.InboxId);
        }
        directory.Invalidate();
        webhookSettings.Invalidate(db.CurrentTenantId);
        return TypedResults.Ok(ChatwootChannelView.From(channel, db.Tenant.TenantSlug ?? "", await secrets.NamesAsync(cancellationToken)));
    }

    private static async Task<IResult> Delete(
        AppDbContext db, TenantSecretStore secrets, ChatwootDirectory directory, ChatwootWebhookSettings webhookSettings, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var channel = await db.ChatwootChannels.FirstOrDefaultAsync(cancellationToken);
        if (channel is null)
        {
            return NotConfigured();
        }
        db.ChatwootChannels.Remove(channel);
        await secrets.RemoveAsync(ChatwootChannel.ApiAccessTokenSecret, cancellationToken);
        await secrets.RemoveAsync(ChatwootChannel.WebhookSecretName, cancellationToken);
        audit.Record("channel.chatwoot_deleted", db.CurrentTenantId, channel.RoutingKey);
        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate();
        webhookSettings.Invalidate(db.CurrentTenantId);
        return TypedResults.NoContent();
    }

    private static IResult NotConfigured() => Problems.NotFound("This tenant has no Chatwoot channel; configure it with PUT /api/channels/chatwoot.");

    private static IResult Taken(string baseUrl, long accountId, long? inboxId) => Problems.Conflict(inboxId is { } inbox
        ? $"Chatwoot account {accountId}, inbox {inbox} of {baseUrl} is configured by another tenant."
        : $"Chatwoot account {accountId} (every inbox) of {baseUrl} is configured by another tenant.");
}
