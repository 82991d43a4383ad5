using Conversa.Infrastructure.Tenancy;

namespace Conversa.Infrastructure.Persistence;

/// <summary>
/// A scope's <see cref="AppDbContext"/>: rented from <see cref="AppDbContextPool"/> for the scope's tenant when first
/// resolved, returned (unbound, reset, its connection closed) when the scope ends, however the scope's work ended.
/// </summary>
internal sealed class AppDbContextLease(AppDbContextPool pool, TenantContextHolder holder) : IDisposable
{
    public AppDbContext Context { get; } = pool.Rent(holder);

    public void Dispose() => Context.Return();
}
