using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

/// <summary>
/// Runs a unit of work (a chat turn, an inbox item, an outbox send) on one open connection. EF otherwise opens and
/// closes — rents and returns, and on PostgreSQL binds to the tenant again, one more round trip — a connection around
/// each of its statements. Nested units share the outer one's connection (EF counts the opens).
/// </summary>
public static class OneConnection
{
    public static async Task<T> OnOneConnectionAsync<T>(this AppDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
