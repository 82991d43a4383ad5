using System.Collections.Concurrent;
using System.Diagnostics;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// The SQL statements EF Core executes for one tenant while this is alive (any host of the test process, read from
/// EF's diagnostic events and kept by the executing context's tenant), so a test can count what one chat turn costs.
/// The test process listens from its first host on (<see cref="Listen"/>) and never stops: a pooled context keeps EF's
/// answer to "is anyone listening?" for up to a second, so a listener that started just before a turn would miss it.
/// </summary>
public sealed class TenantStatements : IDisposable
{
    private static readonly ConcurrentDictionary<TenantStatements, byte> Active = new();
    private static readonly Lazy<Listener> Listening = new(() => new Listener());

    private readonly Guid _tenantId;
    private readonly ConcurrentQueue<string> _commands = new();

    private TenantStatements(Guid tenantId)
    {
        Listen();
        _tenantId = tenantId;
        Active.TryAdd(this, 0);
    }

    /// <summary>
    /// Starts counting, once EF's cached answer to "is anyone listening?" (kept up to a second, its LoggingCacheTime)
    /// has expired in every pooled context: a context that last asked while no test was counting would not report yet.
    /// </summary>
    public static async Task<TenantStatements> StartAsync(Guid tenantId)
    {
        var statements = new TenantStatements(tenantId);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        return statements;
    }

    /// <summary>Turns EF's command events on for the rest of the test process.</summary>
    public static void Listen() => _ = Listening.Value;

    /// <summary>The statements executed since the last call.</summary>
    public List<string> Take()
    {
        var taken = new List<string>();
        while (_commands.TryDequeue(out var command))
        {
            taken.Add(command);
        }
        return taken;
    }

    public void Dispose() => Active.TryRemove(this, out _);

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
            if (value.Value is not CommandExecutedEventData { Context: AppDbContext { Tenant.TenantId: { } tenantId } } executed)
            {
                return;
            }
            foreach (var statements in Active.Keys)
            {
                if (statements._tenantId == tenantId)
                {
                    statements._commands.Enqueue(executed.Command.CommandText);
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
