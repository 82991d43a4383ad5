using System.Collections.Concurrent;

namespace Conversa.Api.Features.Identity;

/// <summary>
/// Counts failed sign-ins per email (5) and per IP (20) in a sliding 15-minute window; past either,
/// sign-in answers 429 until the oldest failure leaves the window. Per node, like the other rate limits.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public const int MaxPerEmail = 5;
    public const int MaxPerIp = 20;
    private const int MaxTrackedKeys = 100_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string email, string ip)
    {
        var now = clock.GetUtcNow();
        var byEmail = Blocked("e:" + email, MaxPerEmail, now);
        var byIp = Blocked("i:" + ip, MaxPerIp, now);
        return byEmail is null ? byIp : byIp is null ? byEmail : (byEmail > byIp ? byEmail : byIp);
    }

    public void RecordFailure(string email, string ip)
    {
        if (_failures.Count > MaxTrackedKeys)
        {
            Sweep(clock.GetUtcNow());
        }
        Add("e:" + email);
        Add("i:" + ip);
    }

    public void RecordSuccess(string email) => _failures.TryRemove("e:" + email, out _);

    private void Add(string key)
    {
        var queue = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            queue.Enqueue(clock.GetUtcNow());
        }
    }

    private TimeSpan? Blocked(string key, int max, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var queue))
        {
            return null;
        }
        lock (queue)
        {
            while (queue.Count > 0 && now - queue.Peek() >= Window)
            {
                queue.Dequeue();
            }
            return queue.Count >= max ? queue.ElementAt(queue.Count - max) + Window - now : null;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, queue) in _failures)
        {
            lock (queue)
            {
                if (queue.Count == 0 || now - queue.Last() >= Window)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }
}
