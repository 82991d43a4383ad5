using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Tenancy;

namespace Conversa.Api.Features.Personal;

/// <summary>
/// Whose agenda a request is about. <c>RequireTenantUser()</c> already turns API keys away (403) and anonymous
/// callers (401); a platform superadmin acting in a tenant is a signed-in user too but has no user row there, so
/// no personal agenda: this filter answers 403 for them before any handler runs.
/// </summary>
internal static class PersonalCaller
{
    public static async ValueTask<object?> RequireOwnAgenda(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var caller = invocation.HttpContext.Tenant();
        if (caller.Caller != CallerKind.User || caller.IsSuperadmin || caller.UserId is null)
        {
            return Problems.Forbidden(caller.IsSuperadmin
                ? "A platform superadmin has no personal agenda in a tenant: sign in as one of the tenant's users."
                : "The personal agenda belongs to a signed-in user; API keys cannot use it.");
        }
        return await next(invocation);
    }

    /// <summary>The signed-in user (checked by <see cref="RequireOwnAgenda"/>).</summary>
    public static Guid UserId(this HttpContext http) =>
        http.Tenant().UserId ?? throw new InvalidOperationException("The personal endpoints run only for a signed-in tenant user.");
}
