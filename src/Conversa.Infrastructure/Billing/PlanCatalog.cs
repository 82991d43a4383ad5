using System.Collections.Frozen;
using Conversa.Core.Billing;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Billing;

/// <summary>The plans, held in memory (there are few) and reloaded after an administrator changes one.</summary>
public sealed class PlanCatalog(IServiceScopeFactory scopes)
{
    private static readonly Plan Fallback = Plan.BuiltIn()[0];
    private volatile FrozenDictionary<string, Plan>? _plans;

    public async ValueTask<Plan> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var plans = _plans ?? await LoadAsync(cancellationToken);
        return plans.GetValueOrDefault(name) ?? Fallback;
    }

    public void Invalidate() => _plans = null;

    private async Task<FrozenDictionary<string, Plan>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var plans = (await db.Plans.AsNoTracking().ToListAsync(cancellationToken)).ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
        _plans = plans;
        return plans;
    }
}
