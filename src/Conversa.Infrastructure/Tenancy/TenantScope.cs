using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// The one door for work outside a request — jobs, webhooks before resolution, platform administration:
/// a fresh DI scope whose <see cref="TenantContext"/> is the given tenant, so every query and save in it
/// is confined to that tenant exactly as in a request.
/// </summary>
public sealed class TenantScope(IServiceScopeFactory scopes, TenantDirectory tenants)
{
    public async Task<T> RunAsync<T>(Guid tenantId, Func<IServiceProvider, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var tenant = await tenants.FindAsync(tenantId, cancellationToken)
            ?? throw new InvalidOperationException($"Tenant {tenantId} does not exist.");
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContextHolder>().Set(TenantContext.ForSystem(tenant.Id, tenant.Slug));
        return await work(scope.ServiceProvider);
    }

    public Task<T> RunDbAsync<T>(Guid tenantId, Func<AppDbContext, Task<T>> work, CancellationToken cancellationToken = default) =>
        RunAsync(tenantId, services => work(services.GetRequiredService<AppDbContext>()), cancellationToken);

    public Task RunDbAsync(Guid tenantId, Func<AppDbContext, Task> work, CancellationToken cancellationToken = default) =>
        RunAsync(tenantId, async services =>
        {
            await work(services.GetRequiredService<AppDbContext>());
            return true;
        }, cancellationToken);
}
