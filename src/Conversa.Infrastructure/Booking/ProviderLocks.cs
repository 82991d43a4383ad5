namespace Conversa.Infrastructure.Booking;

/// <summary>
/// SQLite's half of the no-double-booking guarantee: the check for overlaps and the write that follows run one at a
/// time per provider in this process (SQLite is single-node). A fixed set of striped semaphores keyed by
/// (tenant, provider), so memory stays bounded however many providers exist; two providers sharing a stripe only
/// wait for each other a little.
/// </summary>
public sealed class ProviderLocks
{
    public const int Stripes = 256;

    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(Guid tenantId, Guid providerId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)HashCode.Combine(tenantId, providerId) % Stripes)];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
