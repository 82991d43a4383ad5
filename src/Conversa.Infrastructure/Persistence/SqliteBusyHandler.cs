using System.Runtime.InteropServices;
using SQLitePCL;

namespace Conversa.Infrastructure.Persistence;

/// <summary>
/// How a SQLite connection waits for another writer's lock: it looks again every millisecond until the timeout.
/// SQLite's own busy timeout backs off to 10–100 ms sleeps after the first few tries, so a writer that arrived just
/// after a turn took the lock slept for up to tens of milliseconds after it was free — the end-to-end p99 on SQLite
/// was made of such sleeps. SQLitePCLRaw does not expose <c>sqlite3_busy_handler</c>, so it is called directly on the
/// bundled library.
/// </summary>
internal static class SqliteBusyHandler
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Callback(IntPtr timeoutMilliseconds, int count);

    // Kept in a static field: the native side holds the function pointer for every connection's lifetime.
    private static readonly Callback Retry = (timeoutMilliseconds, count) =>
    {
        if (count >= (int)timeoutMilliseconds)
        {
            return 0;
        }
        Thread.Sleep(1);
        return 1;
    };

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_busy_handler", CallingConvention = CallingConvention.Cdecl)]
    private static extern int SetHandler(IntPtr db, Callback callback, IntPtr timeoutMilliseconds);

    /// <summary>Installs the handler; false when the library would not take it (the caller then keeps SQLite's busy timeout).</summary>
    public static bool TryInstall(sqlite3 handle, int timeoutMilliseconds)
    {
        try
        {
            return SetHandler(handle.DangerousGetHandle(), Retry, timeoutMilliseconds) == raw.SQLITE_OK;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
