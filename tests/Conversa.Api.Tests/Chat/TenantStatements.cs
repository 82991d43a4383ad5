using System.Collections.Concurrent;
using Conversa.Api.Tests.Support;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Conversa.Api.Tests.Chat;

/// <summary>
/// The SQL statements EF Core executes for one tenant while this is alive (any host of the test process, read from
/// EF's diagnostic events and kept by the executing context's tenant), so a test can count what one chat turn costs.
/// The events come from <see cref="EfCommands"/>, which the test process hears from its first host on.
/// </summary>
public sealed class TenantStatements : IDisposable
{
    private static readonly ConcurrentDictionary<TenantStatements, byte> Active = new();

    private readonly Guid _tenantId;
    private readonly ConcurrentQueue<string> _commands = new();

    static TenantStatements() => EfCommands.Executed += OnExecuted;

    private TenantStatements(Guid tenantId)
    {
        EfCommands.Listen();
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

    private static void OnExecuted(CommandExecutedEventData executed)
    {
        if (executed is not { Context: AppDbContext { Tenant.TenantId: { } tenantId } })
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
}
