namespace Conversa.Benchmarks;

/// <summary>The load average, printed around each scenario: other work on the machine skews the figures.</summary>
public static class MachineLoad
{
    public static string Describe() =>
        File.Exists("/proc/loadavg") ? $"load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}, {Environment.ProcessorCount} CPUs"
            : $"{Environment.ProcessorCount} CPUs";
}
