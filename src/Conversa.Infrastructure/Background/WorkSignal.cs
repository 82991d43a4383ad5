namespace Conversa.Infrastructure.Background;

/// <summary>A wake-up that coalesces: any number of <see cref="Notify"/> calls while the worker is busy wake it once.</summary>
public abstract class WorkSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the worker will pick everything up on that one wake-up.
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _wake.Dispose();
        GC.SuppressFinalize(this);
    }
}
