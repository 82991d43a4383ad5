using Conversa.Core.Tenancy;

namespace Conversa.Api.Tenancy;

/// <summary>
/// What an endpoint requires of its caller. Every mapped endpoint carries one (an architecture test
/// checks it); <see cref="TenancyMiddleware"/> enforces it before the handler or its body binding runs.
/// </summary>
public sealed record EndpointAccess(
    AccessLevel Level, IReadOnlyList<string> Roles, bool AllowPublicKey = false, bool UsersOnly = false, bool AllowSigned = false)
{
    public static readonly EndpointAccess Global = new(AccessLevel.Anonymous, []);
    public static readonly EndpointAccess SignedIn = new(AccessLevel.SignedIn, []);
    public static readonly EndpointAccess Superadmin = new(AccessLevel.Superadmin, []);

    public static EndpointAccess Tenant(params string[] roles) => new(AccessLevel.Tenant, roles);
}

public enum AccessLevel
{
    /// <summary>Explicitly global and open: health, login, docs, public redirects.</summary>
    Anonymous,
    /// <summary>Any signed-in user, tenant or platform (e.g. <c>/api/me</c>).</summary>
    SignedIn,
    /// <summary>Platform administration.</summary>
    Superadmin,
    /// <summary>Tenant-scoped: a tenant must be resolved from the credentials.</summary>
    Tenant,
}

public static class EndpointAccessExtensions
{
    /// <summary>Marks an endpoint open to anyone and about no tenant.</summary>
    public static TBuilder AllowAnonymousGlobal<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(EndpointAccess.Global);

    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(EndpointAccess.SignedIn);

    public static TBuilder RequireSuperadmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(EndpointAccess.Superadmin);

    /// <summary>Tenant-scoped; with roles, only those (secret keys act as <c>admin</c>).</summary>
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(EndpointAccess.Tenant(roles));

    /// <summary>Tenant-scoped endpoints that a managing role may use: owner and admin.</summary>
    public static TBuilder RequireTenantManager<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireTenant(Roles.Owner, Roles.Admin);

    /// <summary>Widget endpoints: a public key with an allowed <c>Origin</c> is accepted too.</summary>
    public static TBuilder AllowPublicKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointAccess(AccessLevel.Tenant, [], AllowPublicKey: true));

    /// <summary>
    /// Tenant-scoped endpoints that authenticate the request themselves by a signature over the body
    /// (catalog publish, webhooks): a caller without credentials may name the tenant with
    /// <c>X-Tenant-ID</c>, <c>?tenant_id=</c> or the <c>{tenant}</c> route value, and the handler must then
    /// verify the signature. Callers with credentials need one of <paramref name="roles"/> as usual.
    /// </summary>
    public static TBuilder AllowSignedRequests<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointAccess(AccessLevel.Tenant, roles, AllowSigned: true));

    /// <summary>Tenant-scoped and about the signed-in user: keys are refused.</summary>
    public static TBuilder RequireTenantUser<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointAccess(AccessLevel.Tenant, [], UsersOnly: true));
}
