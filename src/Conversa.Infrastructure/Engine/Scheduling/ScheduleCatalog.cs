using Conversa.Core.Booking;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Engine.Scheduling;

/// <summary>An active provider and the services it performs.</summary>
public sealed record BookableProvider(Guid Id, string Name, IReadOnlySet<Guid> ServiceIds);

/// <summary>
/// What the current tenant books in chat: its active services and active providers, read in two queries and kept in
/// <see cref="TenantReadCache"/> until a service, provider or provider's services change. The rows are shared: read only.
/// </summary>
public sealed record ScheduleCatalog(IReadOnlyList<Service> Services, IReadOnlyList<BookableProvider> Providers)
{
    private static readonly TenantCached<ScheduleCatalog> Cached = new("schedule", ReadAsync, c => c.Services.Count + c.Providers.Count + 1);

    public static Task<ScheduleCatalog> LoadAsync(AppDbContext db, TenantReadCache cache, CancellationToken cancellationToken) =>
        cache.GetAsync(db, Cached, cancellationToken);

    private static async Task<ScheduleCatalog> ReadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var services = await db.Services.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var providers = await db.Providers.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, Services = db.ProviderServices.Where(ps => ps.ProviderId == p.Id).Select(ps => ps.ServiceId).ToList() })
            .ToListAsync(cancellationToken);
        return new ScheduleCatalog(services, providers.Select(p => new BookableProvider(p.Id, p.Name, p.Services.ToHashSet())).ToList());
    }

    public Service? Service(Guid? id) => id is { } value ? Services.FirstOrDefault(s => s.Id == value) : null;

    public BookableProvider? Provider(Guid? id) => id is { } value ? Providers.FirstOrDefault(p => p.Id == value) : null;

    public IReadOnlyList<BookableProvider> ProvidersOf(Guid serviceId) => Providers.Where(p => p.ServiceIds.Contains(serviceId)).ToList();
}
