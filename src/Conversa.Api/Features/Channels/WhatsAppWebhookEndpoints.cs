using System.Security.Cryptography;
using System.Text;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Channels;
using Conversa.Infrastructure.Channels;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Features.Channels;

/// <summary>
/// Meta's side of the WhatsApp channel. <c>/webhooks/whatsapp</c> is the platform's one URL for every tenant (its
/// Meta app's verify token and app secret); <c>/webhooks/whatsapp/{tenant}</c> is a tenant's own, checked with that
/// tenant's tokens (falling back to the platform's).
/// </summary>
public static class WhatsAppWebhookEndpoints
{
    public static void MapWhatsAppWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        // Global: Meta sends no credentials; the verify token and the body signature are the proof.
        var hooks = app.MapGroup("/webhooks/whatsapp").AllowAnonymousGlobal().WithTags("Webhooks");
        hooks.MapGet("", VerifyPlatform).Produces<string>(contentType: "text/plain");
        hooks.MapGet("/{tenant}", VerifyTenant).Produces<string>(contentType: "text/plain");
        // Meta batches up to 1000 updates in one POST: the receiver applies its own limit (Conversa:WhatsApp:MaxWebhookBytes).
        hooks.MapPost("", ReceivePlatform).WithMetadata(LargeJsonBody.Instance).Produces(StatusCodes.Status200OK);
        hooks.MapPost("/{tenant}", ReceiveTenant).WithMetadata(LargeJsonBody.Instance).Produces(StatusCodes.Status200OK);
    }

    private static Task<IResult> ReceivePlatform(HttpRequest request, WhatsAppWebhookReceiver receiver, CancellationToken cancellationToken) =>
        receiver.ReceiveAsync(request, null, cancellationToken);

    private static async Task<IResult> ReceiveTenant(
        string tenant, HttpRequest request, TenantDirectory tenants, WhatsAppWebhookReceiver receiver, CancellationToken cancellationToken) =>
        await tenants.FindAsync(tenant, cancellationToken) is { } found
            ? await receiver.ReceiveAsync(request, found, cancellationToken)
            : Problems.NotFound("No such tenant.");

    /// <summary>The subscription handshake: the challenge back as plain text when the verify token is the platform's.</summary>
    private static IResult VerifyPlatform(HttpRequest request, ConversaOptions options) =>
        Handshake(request, token => Same(token, options.WhatsApp.VerifyToken));

    /// <summary>The handshake for a tenant's own URL: the tenant's verify token, or the platform's.</summary>
    private static async Task<IResult> VerifyTenant(
        string tenant, HttpRequest request, ConversaOptions options, TenantDirectory tenants, TenantScope scope, CancellationToken cancellationToken)
    {
        var platformMatches = Same(request.Query["hub.verify_token"].ToString(), options.WhatsApp.VerifyToken);
        string? tenantToken = null;
        if (!platformMatches && await tenants.FindAsync(tenant, cancellationToken) is { } found)
        {
            tenantToken = await scope.RunAsync(found.Id,
                services => services.GetRequiredService<WhatsAppChannels>().SecretAsync(WhatsAppChannel.VerifyTokenSecret, cancellationToken),
                cancellationToken);
        }
        return Handshake(request, token => platformMatches || Same(token, tenantToken));
    }

    private static IResult Handshake(HttpRequest request, Func<string, bool> tokenMatches)
    {
        var mode = request.Query["hub.mode"].ToString();
        var token = request.Query["hub.verify_token"].ToString();
        var challenge = request.Query["hub.challenge"].ToString();
        if (mode != "subscribe" || token.Length == 0 || !tokenMatches(token))
        {
            return Problems.Forbidden("The verify token does not match this webhook's.");
        }
        return TypedResults.Text(challenge, "text/plain", Encoding.UTF8);
    }

    /// <summary>Constant-time equality of a token and the configured one (none configured matches nothing).</summary>
    private static bool Same(string given, string? expected) =>
        !string.IsNullOrEmpty(expected) && given.Length > 0 &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
