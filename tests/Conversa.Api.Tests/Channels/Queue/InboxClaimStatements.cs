using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Conversa.Api.Tests.Channels.Queue;

/// <summary>
/// Counts the inbox claim queries (any host of the test process) that ask for one channel while this is alive, read from
/// EF's diagnostic events, so a test can tell an item the worker claimed from one it was handed. The test process
/// already listens to EF's command events from its first host on (<c>TenantStatements.Listen</c>), so no pooled
/// context is left answering "nobody listens".
/// </summary>
public sealed class InboxClaimStatements : IDisposable
{
    private static readonly ConcurrentDictionary<InboxClaimStatements, byte> Active = new();
    private static readonly Lazy<Listener> Listening = new(() => new Listener());

    private readonly string _channel;
    private int _count;

    public InboxClaimStatements(string channel)
    {
        _ = Listening.Value;
        _channel = channel;
        Active.TryAdd(this, 0);
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => Active.TryRemove(this, out _);

    private static bool IsClaim(string sql) =>
        sql.Contains("UPDATE inbox_items", StringComparison.Ordinal) && sql.Contains("attempts = ", StringComparison.Ordinal)
        && sql.Contains("+ 1", StringComparison.Ordinal);

    private sealed class Listener : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private readonly ConcurrentBag<IDisposable> _subscriptions = [];

        public Listener() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is not CommandExecutedEventData executed || !IsClaim(executed.Command.CommandText))
            {
                return;
            }
            var values = executed.Command.Parameters.Cast<DbParameter>().Select(p => p.Value as string).ToHashSet();
            foreach (var statements in Active.Keys)
            {
                if (values.Contains(statements._channel))
                {
                    Interlocked.Increment(ref statements._count);
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
