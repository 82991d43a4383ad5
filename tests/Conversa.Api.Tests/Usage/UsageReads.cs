using Conversa.Infrastructure.Billing.Usage;
using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Api.Tests.Usage;

/// <summary>A tenant's use this month as a host's checks see it: the stored total and that host's unwritten part.</summary>
public static class UsageReads
{
    public static Task<UsageTotals> UsageAsync(this IServiceProvider host, Guid tenantId) =>
        host.GetRequiredService<TenantScope>().RunDbAsync(tenantId,
            db => host.GetRequiredService<UsageLedger>().CurrentAsync(db, CancellationToken.None));

    /// <summary>Writes the host's counted use now, as its flusher does every interval.</summary>
    public static Task FlushUsageAsync(this IServiceProvider host) =>
        host.GetRequiredService<UsageLedger>().FlushAsync(CancellationToken.None);
}
