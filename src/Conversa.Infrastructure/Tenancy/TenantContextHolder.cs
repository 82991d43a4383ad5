using Conversa.Core.Tenancy;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// The scoped slot that holds the request's or job's <see cref="TenantContext"/>. It is set once,
/// before anything tenant-scoped is resolved, and never changed afterwards.
/// </summary>
public sealed class TenantContextHolder
{
    private TenantContext? _current;

    public TenantContext Current => _current ?? TenantContext.Anonymous;

    /// <summary>Cross-tenant reads (credential lookups, platform statistics) — set only by Tenancy code.</summary>
    internal bool BypassTenancy { get; set; }

    public void Set(TenantContext context)
    {
        if (_current is not null && _current != context)
        {
            throw new InvalidOperationException("The tenant context of a scope is set once and cannot change.");
        }
        _current = context;
    }
}
