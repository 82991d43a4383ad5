using Conversa.Infrastructure.Knowledge;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Operations;

/// <summary>Health of tenants: the database they live in and, as features arrive, their index and channels.</summary>
public sealed class TenantHealthReporter(
    AppDbContext db, TenantDirectory directory, TenantStatistics statistics, TenantScope scope, KnowledgeIndexCache knowledgeIndexes)
{
    public async Task<TenantHealth> ReportAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var tenant = (await directory.FindAsync(tenantId, cancellationToken))!;
        var databaseOk = await DatabaseOkAsync(cancellationToken);
        var counts = databaseOk
            ? await scope.RunDbAsync(tenantId, tenantDb => TenantStatistics.CountAsync(tenantDb, cancellationToken), cancellationToken)
            : null;
        var knowledge = databaseOk
            ? KnowledgeIndexHealth.From(await scope.RunAsync(tenantId,
                services => services.GetRequiredService<KnowledgeBase>().StatusAsync(cancellationToken), cancellationToken))
            : KnowledgeIndexHealth.Unknown;
        return Health(tenant, databaseOk, counts, knowledge);
    }

    public async Task<PlatformHealth> ReportAllAsync(CancellationToken cancellationToken)
    {
        var databaseOk = await DatabaseOkAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Slug).ToListAsync(cancellationToken);
        var counts = databaseOk ? await statistics.CountAllAsync(cancellationToken) : [];
        var health = new SortedDictionary<string, TenantHealth>(StringComparer.Ordinal);
        var stats = new SortedDictionary<string, TenantCounts>(StringComparer.Ordinal);
        foreach (var tenant in tenants)
        {
            var c = counts.GetValueOrDefault(tenant.Id) ?? new TenantCounts(0, 0);
            health[tenant.Slug] = Health(TenantInfo.From(tenant), databaseOk, c, KnowledgeIndexHealth.FromCache(knowledgeIndexes.Peek(tenant.Id), c.Documents));
            stats[tenant.Slug] = c;
        }
        var configured = tenants.Where(t => t.Status == Core.Tenancy.TenantStatus.Active).Select(t => t.Slug).ToList();
        return new PlatformHealth(
            databaseOk ? "healthy" : "unhealthy",
            "multi-tenant-multi-agent",
            new TenantsSummary(tenants.Count, configured, health, stats));
    }

    public async Task<bool> DatabaseOkAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A real query, so a missing schema counts as unhealthy too.
            await db.Tenants.AsNoTracking().AnyAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    private static TenantHealth Health(TenantInfo tenant, bool databaseOk, TenantCounts? counts, KnowledgeIndexHealth knowledge) => new(
        tenant.Slug,
        tenant.Status.ToString().ToLowerInvariant(),
        databaseOk && tenant.IsActive,
        databaseOk ? "ok" : "unavailable",
        knowledge,
        new Dictionary<string, string>(),
        counts);
}

public sealed record TenantHealth(
    string Tenant, string Status, bool SystemHealthy, string Database, KnowledgeIndexHealth KnowledgeIndex,
    Dictionary<string, string> Channels, TenantCounts? Stats);

/// <summary>
/// The tenant's retrieval index (see <see cref="KnowledgeIndexStatus"/> for the statuses). The platform-wide page
/// reports only what this node holds in memory, so it never loads ten thousand indexes to draw one page.
/// </summary>
public sealed record KnowledgeIndexHealth(
    string Status, int Chunks, int Documents, long Version, string? EmbeddingProvider, string? EmbeddingModel, string? Detail, DateTime? LoadedAt)
{
    public static readonly KnowledgeIndexHealth Unknown = new("unavailable", 0, 0, 0, null, null, "the database is unavailable", null);

    public static KnowledgeIndexHealth From(KnowledgeIndexStatus s) =>
        new(s.Status, s.Chunks, s.Documents, s.Version, s.EmbeddingProvider, s.EmbeddingModel, s.Detail, s.LoadedAt);

    public static KnowledgeIndexHealth FromCache(CachedKnowledgeIndex? cached, int documents) =>
        cached is not null
            ? From(KnowledgeBase.Describe(cached))
            : new(documents == 0 ? "empty" : "not_loaded", 0, documents, 0, null, null, null, null);
}

public sealed record PlatformHealth(string Status, string SystemType, TenantsSummary Tenants);

public sealed record TenantsSummary(
    int Total, List<string> Configured, SortedDictionary<string, TenantHealth> Health, SortedDictionary<string, TenantCounts> Stats);
