using Conversa.Core.Identity;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Conversa.Api.Features.Widget;

/// <summary>
/// CORS for the widget endpoints, answered per public key. A preflight carries no key, so it is allowed from any
/// origin (it only asks whether a POST with these headers may be tried); the real request gets
/// <c>Access-Control-Allow-Origin</c> only when its <c>Origin</c> is in the key's <c>allowed_origins</c> —
/// <see cref="Tenancy.TenancyMiddleware"/> answers any other origin with 403. Other policy names go to the
/// configured <see cref="CorsOptions"/> as usual.
/// </summary>
public sealed class WidgetCors(IOptions<CorsOptions> options, CredentialStore credentials) : ICorsPolicyProvider
{
    public const string Policy = "widget";

    private static readonly string[] Methods = ["GET", "POST"];
    private static readonly string[] Headers = ["Content-Type", "X-API-Key", "X-Tenant-ID"];
    private static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    private static readonly CorsPolicy Preflight = Build(_ => true);
    private static readonly CorsPolicy NoOrigin = Build(_ => false);

    private readonly DefaultCorsPolicyProvider _configured = new(options);

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (policyName != Policy)
        {
            return await _configured.GetPolicyAsync(context, policyName);
        }
        var request = context.Request;
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
        {
            return Preflight;
        }
        var key = request.Headers["X-API-Key"].ToString().Trim();
        if (!ApiKeyFormat.LooksLikeKey(key) || await credentials.FindApiKeyAsync(key, context.RequestAborted) is not { Kind: ApiKeyKind.Public } found)
        {
            // Secret keys belong on servers, which need no CORS; a browser holding one gets no help reading answers.
            return NoOrigin;
        }
        var allowed = found.AllowedOrigins;
        return Build(origin => WebOrigin.Allows(allowed, origin));
    }

    private static CorsPolicy Build(Func<string, bool> isOriginAllowed) => new CorsPolicyBuilder()
        .SetIsOriginAllowed(isOriginAllowed)
        .WithMethods(Methods)
        .WithHeaders(Headers)
        .WithExposedHeaders(HeaderNames.RetryAfter)
        .SetPreflightMaxAge(PreflightMaxAge)
        .Build();
}
