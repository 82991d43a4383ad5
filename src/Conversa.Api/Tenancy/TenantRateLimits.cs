using System.Globalization;
using System.Threading.RateLimiting;
using Conversa.Api.Hosting;
using Conversa.Core.Identity;
using Conversa.Infrastructure.Billing;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.RateLimiting;

namespace Conversa.Api.Tenancy;

/// <summary>
/// Requests per minute per API key (its own <c>rate_limit_per_minute</c>) or else per tenant (its plan's),
/// as token buckets refilled every second. Applies to tenant-scoped endpoints; per node, like all rate limits.
/// Over the limit: 429 problem with <c>Retry-After</c>. An endpoint that limits its callers itself opts out with
/// <c>DisableRateLimiting()</c> (the widget's poll for replies).
/// </summary>
public static class TenantRateLimits
{
    /// <summary>Set by <see cref="TenancyMiddleware"/>: the limit the request counts against.</summary>
    public sealed record Budget(string Partition, int PerMinute);

    private static readonly Budget Unlimited = new("unlimited", int.MaxValue);

    public static IServiceCollection AddTenantRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Budget>(
                http => http.Features.Get<Budget>() is { } budget
                    ? RateLimitPartition.GetTokenBucketLimiter(budget, b => Bucket(b.PerMinute))
                    : RateLimitPartition.GetNoLimiter(Unlimited));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                await Problems.TooManyRequests("Rate limit exceeded for this key or tenant; slow down.", retryAfter, context.HttpContext)
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>
    /// A bucket of a minute's requests refilled at the minute's pace: under 60 a minute one token every 60/n seconds
    /// (one a second would make 3 a minute really 60), else n/60 (rounded up) a second.
    /// </summary>
    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = perMinute >= 60 ? (int)Math.Ceiling(perMinute / 60d) : 1,
        ReplenishmentPeriod = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60d / Math.Max(1, perMinute)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>The budget of a tenant-scoped request: the key's own limit, else the tenant plan's.</summary>
    public static async ValueTask<Budget> ForAsync(TenantInfo tenant, ApiKeyInfo? key, PlanCatalog plans, CancellationToken cancellationToken)
    {
        if (key?.RateLimitPerMinute is { } keyLimit)
        {
            return new Budget("key:" + key.Id.ToString("N", CultureInfo.InvariantCulture), keyLimit);
        }
        var plan = await plans.GetAsync(tenant.Plan, cancellationToken);
        // A public key is in every visitor's hands: it gets a bucket of its own, so a flood through the widget cannot
        // use up the budget of the tenant's server-to-server keys and users.
        return key?.Kind == ApiKeyKind.Public
            ? new Budget("key:" + key.Id.ToString("N", CultureInfo.InvariantCulture), plan.RateLimitPerMinute)
            : new Budget("tenant:" + tenant.Id.ToString("N", CultureInfo.InvariantCulture), plan.RateLimitPerMinute);
    }
}
