using System.Text.Json;
using Conversa.Api.Hosting;
using Conversa.Core.Identity;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Billing;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;

namespace Conversa.Api.Tenancy;

/// <summary>
/// Resolves the caller once per request — API key, then user token, then the superadmin's tenant
/// selection — into an immutable <see cref="TenantContext"/>, and enforces the endpoint's
/// <see cref="EndpointAccess"/> before any body is bound. Log lines of the request carry the tenant slug.
/// </summary>
public sealed partial class TenancyMiddleware(
    RequestDelegate next,
    CredentialStore credentials,
    TokenService tokens,
    TenantDirectory tenants,
    ConversaOptions options,
    PlanCatalog plans,
    ILogger<TenancyMiddleware> logger)
{
    private static readonly string[] SelectorHeaders = ["X-Tenant-ID", "X-Company-ID", "X-Client-ID"];
    private static readonly string[] SelectorQuery = ["tenant_id", "company_id"];

    public async Task InvokeAsync(HttpContext http, TenantContextHolder holder)
    {
        var endpoint = http.GetEndpoint();
        // No endpoint (404) or routing's own rejections (405, 415), which are not route endpoints: nothing to resolve.
        if (endpoint is not RouteEndpoint)
        {
            await next(http);
            return;
        }
        // An endpoint without declared access is treated as the strictest kind; ArchitectureTests keep that from happening.
        var access = endpoint.Metadata.GetMetadata<EndpointAccess>() ?? EndpointAccess.Tenant(Roles.Owner);

        var (context, failure) = await ResolveAsync(http, access);
        if (failure is null)
        {
            failure = Authorize(context, access);
        }
        if (failure is not null)
        {
            await failure.ExecuteAsync(http);
            return;
        }

        holder.Set(context);
        http.Features.Set(context);
        if (access.Level == AccessLevel.Tenant && !context.IsSuperadmin && await tenants.FindAsync(context.TenantId!.Value, http.RequestAborted) is { } tenant)
        {
            http.Features.Set(await TenantRateLimits.ForAsync(tenant, http.Features.Get<ApiKeyInfo>(), plans, http.RequestAborted));
        }
        var actor = http.RequestServices.GetRequiredService<AuditActor>();
        actor.Ip = http.Connection.RemoteIpAddress?.ToString();
        actor.Email = http.Features.Get<TokenSubject>()?.Email;
        if (context.IsSuperadmin && context.HasTenant)
        {
            // Every superadmin look into a tenant's data is on the record. Resolved only now (and only here):
            // anything holding AppDbContext captures the tenant when it is created.
            var audit = http.RequestServices.GetRequiredService<AuditLog>();
            audit.Record("superadmin.access", context.TenantId, $"{http.Request.Method} {http.Request.Path}");
            await http.RequestServices.GetRequiredService<Infrastructure.Persistence.AppDbContext>().SaveChangesAsync(http.RequestAborted);
        }
        using (logger.BeginScope(new TenantLogScope(context.TenantSlug)))
        {
            await next(http);
        }
    }

    private async Task<(TenantContext Context, IResult? Failure)> ResolveAsync(HttpContext http, EndpointAccess access)
    {
        var (key, token) = ReadCredentials(http.Request);
        TenantContext context;
        if (key is not null)
        {
            var found = await credentials.FindApiKeyAsync(key, http.RequestAborted);
            if (found is null)
            {
                return Fail(access, "The API key is invalid or has been revoked.");
            }
            var tenant = await tenants.FindAsync(found.TenantId, http.RequestAborted);
            if (tenant is null)
            {
                return Fail(access, "The API key is invalid or has been revoked.");
            }
            if (!tenant.IsActive)
            {
                return (TenantContext.Anonymous, Problems.Forbidden($"Tenant '{tenant.Slug}' is suspended."));
            }
            if (found.Kind == ApiKeyKind.Public && !WebOrigin.Allows(found.AllowedOrigins, BrowserOrigin(http.Request)))
            {
                return (TenantContext.Anonymous, Problems.Forbidden("This public key is not allowed from this Origin."));
            }
            http.Features.Set(found);
            context = found.Kind == ApiKeyKind.Secret
                ? new TenantContext(tenant.Id, tenant.Slug, CallerKind.SecretKey, null, Roles.Admin, found.Id)
                : new TenantContext(tenant.Id, tenant.Slug, CallerKind.PublicKey, null, null, found.Id);
        }
        else if (token is not null)
        {
            var subject = await tokens.ValidateAsync(token);
            if (subject is null)
            {
                return Fail(access, "The access token is invalid or has expired.");
            }
            http.Features.Set(subject);
            if (subject.Role == Roles.Superadmin)
            {
                context = new TenantContext(null, null, CallerKind.User, subject.UserId, Roles.Superadmin);
            }
            else
            {
                var tenant = await tenants.FindAsync(subject.TenantId!.Value, http.RequestAborted);
                if (tenant is null || !await credentials.UserExistsAsync(subject.UserId, http.RequestAborted))
                {
                    return Fail(access, "The access token's user no longer exists.");
                }
                if (!tenant.IsActive)
                {
                    return (TenantContext.Anonymous, Problems.Forbidden($"Tenant '{tenant.Slug}' is suspended."));
                }
                context = new TenantContext(tenant.Id, tenant.Slug, CallerKind.User, subject.UserId, subject.Role);
            }
        }
        else
        {
            context = TenantContext.Anonymous;
            if (access.Level == AccessLevel.Tenant && options.Tenancy.DefaultTenant is { Length: > 0 } fallback &&
                await tenants.FindAsync(fallback, http.RequestAborted) is { IsActive: true } tenant)
            {
                context = context with { TenantId = tenant.Id, TenantSlug = tenant.Slug };
            }
        }

        return await ApplySelectorAsync(http, context, access);
    }

    private async Task<(TenantContext, IResult?)> ApplySelectorAsync(HttpContext http, TenantContext context, EndpointAccess access)
    {
        var selector = ReadSelector(http.Request);
        if (selector is null && access.Level == AccessLevel.Tenant && http.GetRouteValue("tenant") is string routeTenant)
        {
            selector = routeTenant;
        }
        if (selector is null && context.IsSuperadmin && access.Level == AccessLevel.Tenant)
        {
            selector = await ReadBodySelectorAsync(http);
        }
        if (selector is null || access.Level == AccessLevel.Anonymous)
        {
            return (context, null);
        }
        if (context.IsSuperadmin)
        {
            if (access.Level != AccessLevel.Tenant)
            {
                return (context, null);
            }
            var tenant = await tenants.FindAsync(selector, http.RequestAborted);
            if (tenant is null)
            {
                return (context, Problems.NotFound($"Tenant '{selector}' does not exist."));
            }
            LogSuperadminAccess(logger, context.UserId, tenant.Slug, http.Request.Path);
            return (context with { TenantId = tenant.Id, TenantSlug = tenant.Slug }, null);
        }
        if (context.Caller == CallerKind.Anonymous && access.AllowSigned && !context.HasTenant)
        {
            // The handler authenticates the request by its signature; the tenant only says whose secret to check.
            var named = await tenants.FindAsync(selector, http.RequestAborted);
            return named is null ? (context, Problems.NotFound($"Tenant '{selector}' does not exist."))
                : !named.IsActive ? (context, Problems.Forbidden($"Tenant '{named.Slug}' is suspended."))
                : (context with { TenantId = named.Id, TenantSlug = named.Slug }, null);
        }
        var own = context.TenantId is { } id && (selector == id.ToString() ||
                  string.Equals(selector, context.TenantSlug, StringComparison.OrdinalIgnoreCase));
        return own || context.Caller == CallerKind.Anonymous
            ? (context, null)
            : (context, Problems.Forbidden("Only a platform superadmin may select another tenant."));
    }

    private static IResult? Authorize(TenantContext context, EndpointAccess access)
    {
        var anonymous = context.Caller == CallerKind.Anonymous;
        switch (access.Level)
        {
            case AccessLevel.Anonymous:
                return null;
            case AccessLevel.SignedIn:
                return context.Caller == CallerKind.User ? null
                    : anonymous ? Problems.Unauthorized("Sign in: send Authorization: Bearer <access_token>.")
                    : Problems.Forbidden("This endpoint is for signed-in users, not API keys.");
            case AccessLevel.Superadmin:
                return context.IsSuperadmin ? null
                    : anonymous ? Problems.Unauthorized("Sign in as a platform superadmin.")
                    : Problems.Forbidden("Only a platform superadmin may do this.");
        }

        if (!context.HasTenant)
        {
            return context.IsSuperadmin
                ? Problems.BadRequest("Select a tenant with the X-Tenant-ID header (id or slug).")
                : Problems.Unauthorized("Credentials are required: an API key (X-API-Key) or a user token (Authorization: Bearer).");
        }
        if (context.Caller == CallerKind.PublicKey && !access.AllowPublicKey)
        {
            return Problems.Forbidden("A public key may only be used on widget endpoints.");
        }
        if (access.UsersOnly && context.Caller != CallerKind.User)
        {
            return anonymous
                ? Problems.Unauthorized("Sign in: this endpoint belongs to a user.")
                : Problems.Forbidden("This endpoint belongs to a signed-in user; API keys cannot use it.");
        }
        if (anonymous && access.AllowSigned)
        {
            return null;
        }
        if (access.Roles.Count > 0 && !context.IsSuperadmin && (context.Role is null || !access.Roles.Contains(context.Role)))
        {
            return anonymous
                ? Problems.Unauthorized("Credentials are required.")
                : Problems.Forbidden($"This needs the role {string.Join(" or ", access.Roles)}.");
        }
        return null;
    }

    private static (TenantContext, IResult?) Fail(EndpointAccess access, string detail) =>
        access.Level == AccessLevel.Anonymous
            ? (TenantContext.Anonymous, null)
            : (TenantContext.Anonymous, Problems.Unauthorized(detail));

    private static (string? Key, string? Token) ReadCredentials(HttpRequest request)
    {
        var apiKey = request.Headers["X-API-Key"].ToString();
        if (apiKey.Length > 0)
        {
            return (apiKey.Trim(), null);
        }
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }
        var value = authorization["Bearer ".Length..].Trim();
        return ApiKeyFormat.LooksLikeKey(value) ? (value, null) : (null, value.Length > 0 ? value : null);
    }

    private static string? ReadSelector(HttpRequest request)
    {
        foreach (var header in SelectorHeaders)
        {
            if (request.Headers[header].ToString() is { Length: > 0 } value)
            {
                return value.Trim();
            }
        }
        foreach (var name in SelectorQuery)
        {
            if (request.Query[name].ToString() is { Length: > 0 } value)
            {
                return value.Trim();
            }
        }
        return null;
    }

    /// <summary>Legacy clients name the tenant as <c>company_id</c> in a JSON body; read only for superadmins.</summary>
    private static async Task<string?> ReadBodySelectorAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength is null or 0 or > 1024 * 1024 || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }
        request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: http.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("company_id", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>
    /// The page's origin as the browser states it. Browsers leave <c>Origin</c> off same-origin GETs (a page on this
    /// server reading <c>/api/widget/config</c>) and mark those with <c>Sec-Fetch-Site: same-origin</c>, which scripts
    /// cannot set; then the page's origin is this server's.
    /// </summary>
    private static string? BrowserOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return origin;
        }
        return request.Headers["Sec-Fetch-Site"].ToString() == "same-origin" ? $"{request.Scheme}://{request.Host}" : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "superadmin {UserId} accessed tenant {Tenant}: {Path}")]
    private static partial void LogSuperadminAccess(ILogger logger, Guid? userId, string tenant, string path);
}

/// <summary>The logging scope of a request: renders as the tenant slug in brackets.</summary>
public sealed record TenantLogScope(string? Slug)
{
    public override string ToString() => $"[{Slug ?? "-"}]";
}
