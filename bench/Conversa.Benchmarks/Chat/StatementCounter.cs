using System.Diagnostics;

namespace Conversa.Benchmarks.Chat;

/// <summary>
/// Counts the SQL statements EF Core executes in this process while it is alive (its diagnostic event for an executed
/// command), so sequential turns can be divided into statements per turn. Only that one event is switched on.
/// </summary>
public sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string ListenerName = "Microsoft.EntityFrameworkCore";
    private const string CommandExecuted = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";

    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;
    private long _count;

    public StatementCounter()
    {
        _all = DiagnosticListener.AllListeners.Subscribe(this);
        // A pooled DbContext keeps its answer to "is anyone listening?" for EF's logging cache time (1 s by default)
        // across leases: without the wait, the statements of the turns started within that second would go uncounted.
        Thread.Sleep(TimeSpan.FromSeconds(1.2));
    }

    public long Count => Interlocked.Read(ref _count);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == ListenerName)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this, name => name == CommandExecuted));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == CommandExecuted)
        {
            Interlocked.Increment(ref _count);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
