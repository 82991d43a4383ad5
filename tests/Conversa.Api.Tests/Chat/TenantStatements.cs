using System.Collections.Concurrent;
using System.Diagnostics;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// The SQL statements EF Core executes for one tenant while this is alive (any host of the test process, read from
/// EF's diagnostic events and kept by the executing context's tenant), so a test can count what one chat turn costs.
/// </summary>
public sealed class TenantStatements : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly Guid _tenantId;
    private readonly IDisposable _all;
    private readonly ConcurrentBag<IDisposable> _subscriptions = [];
    private readonly ConcurrentQueue<string> _commands = new();

    public TenantStatements(Guid tenantId)
    {
        _tenantId = tenantId;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

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

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            _subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData { Context: AppDbContext db } executed && db.Tenant.TenantId == _tenantId)
        {
            _commands.Enqueue(executed.Command.CommandText);
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
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }
}
