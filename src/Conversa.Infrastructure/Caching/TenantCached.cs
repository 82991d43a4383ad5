using Conversa.Infrastructure.Persistence;

namespace Conversa.Infrastructure.Caching;

/// <summary>
/// One kind of per-tenant data <see cref="TenantReadCache"/> keeps: its name (unique per kind), how it is read through
/// the scope's <see cref="AppDbContext"/>, and its size in cache units (about one per row). <see cref="Load"/> may read
/// only the tables <see cref="TenantCacheInvalidation.Watched"/> lists, since only their changes drop cached copies.
/// </summary>
public sealed record TenantCached<T>(string Name, Func<AppDbContext, CancellationToken, Task<T>> Load, Func<T, int> Size) where T : class;
