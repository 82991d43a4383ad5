using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Conversa.Core.Tenancy;
using Microsoft.Extensions.Options;

namespace Conversa.Api.Features.Widget;

/// <summary>
/// Widget messages, and separately polls for replies, per key and visitor, and for public keys also per key and client
/// address (a script that makes up a new visitor id for every message still meets the second); a server relaying many
/// visitors (a secret key, which has no address limit) is also limited in its polls in all. Token
/// buckets that refill every second or more often, per node.
/// The key's own budget (<see cref="Tenancy.TenantRateLimits"/>) applies to messages before these; polls are limited
/// only here, so a few visitors waiting for a person cannot use up the key's budget for everyone's messages. The
/// visitor id comes from the request, so this runs in the handler after validation rather than as an endpoint policy.
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
                // Refills at most once a second: the partitioned limiter refills on a 100-ms timer, so the 10-ms period
                // a budget of 6,000 a minute would need refilled ten times too little.
                TokensPerPeriod = Math.Max(1, request.PerMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, request.PerMinute / 60) * 60d / request.PerMinute),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Null when the message may go on, else how long to wait.</summary>
    public TimeSpan? Acquire(TenantContext caller, string visitorId, IPAddress? address) =>
        Acquire("message", caller, visitorId, address, _options.MessagesPerMinutePerVisitor, _options.MessagesPerMinutePerAddress);

    /// <summary>Null when the poll for new replies may go on, else how long to wait. Polls do not use up the message budget.</summary>
    public TimeSpan? AcquirePoll(TenantContext caller, string visitorId, IPAddress? address) =>
        Acquire("poll", caller, visitorId, address, _options.PollsPerMinutePerVisitor, _options.PollsPerMinutePerAddress);

    /// <summary>
    /// Null when a server-side caller (a secret key or a user) may poll once more in all, whatever visitor it names;
    /// else how long to wait. Public keys have the address limit instead: a busy site's widgets poll from many addresses.
    /// </summary>
    public TimeSpan? AcquireKeyPoll(TenantContext caller) =>
        caller.Caller == CallerKind.PublicKey ? null : Refused(($"poll/{Owner(caller)}/all", Math.Max(1, _options.PollsPerMinutePerKey)));

    private TimeSpan? Acquire(string kind, TenantContext caller, string visitorId, IPAddress? address, int perVisitor, int perAddress)
    {
        var owner = Owner(caller);
        if (Refused(($"{kind}/{owner}/visitor/{visitorId}", Math.Max(1, perVisitor))) is { } wait)
        {
            return wait;
        }
        // Server-side integrations (secret keys) relay many visitors from one address; only public keys are limited by it.
        return caller.Caller == CallerKind.PublicKey
            ? Refused(($"{kind}/{owner}/address/{address}", Math.Max(1, perAddress)))
            : null;
    }

    private static string Owner(TenantContext caller) =>
        caller.ApiKeyId?.ToString("N", CultureInfo.InvariantCulture) ?? "user:" + caller.UserId?.ToString("N", CultureInfo.InvariantCulture);

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
