namespace Conversa.Api.Tests.Support;

/// <summary>
/// A clock tests move by hand (no TimeProvider.Testing package restores here). Register it with
/// <c>factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton&lt;TimeProvider&gt;(clock)))</c>.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);
}
