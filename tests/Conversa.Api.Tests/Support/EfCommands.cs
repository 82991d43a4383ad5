using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Conversa.Api.Tests.Support;

/// <summary>
/// EF Core's "command executed" events for the whole test process, heard from the first host on (<see cref="Listen"/>)
/// and never stopped: a pooled context keeps EF's answer to "is anyone listening?" for up to a second, so a listener
/// that started just before the statements it wants would miss them. Statement counters subscribe to <see cref="Executed"/>.
/// </summary>
internal static class EfCommands
{
    private static readonly Lazy<Listener> Listening = new(() => new Listener());

    public static event Action<CommandExecutedEventData>? Executed;

    /// <summary>Turns EF's command events on for the rest of the test process.</summary>
    public static void Listen() => _ = Listening.Value;

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
            if (value.Value is CommandExecutedEventData executed)
            {
                Executed?.Invoke(executed);
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
