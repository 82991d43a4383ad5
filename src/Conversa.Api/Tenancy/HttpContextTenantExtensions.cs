using Conversa.Core.Tenancy;

namespace Conversa.Api.Tenancy;

public static class HttpContextTenantExtensions
{
    /// <summary>The caller resolved by <see cref="TenancyMiddleware"/> for this request.</summary>
    public static TenantContext Tenant(this HttpContext http) => http.Features.Get<TenantContext>() ?? TenantContext.Anonymous;
}
