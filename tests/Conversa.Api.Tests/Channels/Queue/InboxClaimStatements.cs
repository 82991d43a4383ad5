using System.Collections.Concurrent;
using System.Data.Common;
using Conversa.Api.Tests.Support;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Conversa.Api.Tests.Channels.Queue;

/// <summary>
/// Counts the inbox claim queries (any host of the test process) that ask for one channel while this is alive, read from
/// EF's command events (<see cref="EfCommands"/>), so a test can tell an item the worker claimed from one it was handed.
/// </summary>
public sealed class InboxClaimStatements : IDisposable
{
    private static readonly ConcurrentDictionary<InboxClaimStatements, byte> Active = new();

    private readonly string _channel;
    private int _count;

    static InboxClaimStatements() => EfCommands.Executed += OnExecuted;

    public InboxClaimStatements(string channel)
    {
        EfCommands.Listen();
        _channel = channel;
        Active.TryAdd(this, 0);
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => Active.TryRemove(this, out _);

    private static bool IsClaim(string sql) =>
        sql.Contains("UPDATE inbox_items", StringComparison.Ordinal) && sql.Contains("attempts = ", StringComparison.Ordinal)
        && sql.Contains("+ 1", StringComparison.Ordinal);

    private static void OnExecuted(CommandExecutedEventData executed)
    {
        if (!IsClaim(executed.Command.CommandText))
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
}
