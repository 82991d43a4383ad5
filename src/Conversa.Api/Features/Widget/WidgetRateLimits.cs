using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Conversa.Core.Tenancy;
using Microsoft.Extensions.Options;

namespace Conversa.Api.Features.Widget;

/// <summary>
/// Widget messages per key and visitor, and for public keys also per key and client address (a script that makes up a
/// new visitor id for every message still meets the second). Token buckets that refill every few seconds, per node.
/// The key's own budget (<see cref="Tenancy.TenantRateLimits"/>) applies before these. The visitor id comes from the
/// body, so this runs in the handler after validation rather than as an endpoint policy.
/// </summary>
public sealed class WidgetRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<(string Partition, int PerMinute)> _limiter;
    private readonly WidgetOptions _options;

    public WidgetRateLimits(IOptions<WidgetOptions> options)
    {
        _options = options.Value;
        _limiter = PartitionedRateLimiter.Create<(string Partition, int PerMinute), string>(
            request => RateLimitPartition.GetTokenBucketLimiter(request.Partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = request.PerMinute,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(60d / request.PerMinute),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Null when the message may go on, else how long to wait.</summary>
    public TimeSpan? Acquire(TenantContext caller, string visitorId, IPAddress? address)
    {
        var owner = caller.ApiKeyId?.ToString("N", CultureInfo.InvariantCulture) ?? "user:" + caller.UserId?.ToString("N", CultureInfo.InvariantCulture);
        if (Refused(($"{owner}/visitor/{visitorId}", Math.Max(1, _options.MessagesPerMinutePerVisitor))) is { } wait)
        {
            return wait;
        }
        // Server-side integrations (secret keys) relay many visitors from one address; only public keys are limited by it.
        return caller.Caller == CallerKind.PublicKey
            ? Refused(($"{owner}/address/{address}", Math.Max(1, _options.MessagesPerMinutePerAddress)))
            : null;
    }

    private TimeSpan? Refused((string Partition, int PerMinute) request)
    {
        using var lease = _limiter.AttemptAcquire(request);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(60d / request.PerMinute);
    }

    public void Dispose() => _limiter.Dispose();
}
