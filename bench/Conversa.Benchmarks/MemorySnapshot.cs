using System.Globalization;

namespace Conversa.Benchmarks;

/// <summary>
/// The bench process's memory at one moment. The app is hosted in this process, so its managed heap
/// (after a full, compacting GC) and working set are measured here; /metrics gives the server's own view.
/// </summary>
public sealed record MemorySnapshot(string Label, long ManagedBytes, long WorkingSetBytes, double MetricWorkingSetBytes, double TenantsCached)
{
    public const string Header = """
        | moment | managed heap MB | working set MB | /metrics working set MB | tenants cached |
        |---|---:|---:|---:|---:|
        """;

    public static async Task<MemorySnapshot> TakeAsync(string label, ConversaClient client)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var workingSet = Environment.WorkingSet;
        return new MemorySnapshot(label, managed, workingSet,
            await client.MetricAsync("conversa_process_working_set_bytes"), await client.MetricAsync("conversa_tenants_cached"));
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Label} | {Mb(ManagedBytes):F1} | {Mb(WorkingSetBytes):F1} | {Mb(MetricWorkingSetBytes):F1} | {TenantsCached:F0} |");

    public static double Mb(double bytes) => bytes / (1024 * 1024);
}
