using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Conversa.Benchmarks.Micro;

/// <summary>
/// Runs the micro-benchmarks with BenchmarkDotNet's short job, in process: no per-benchmark project is
/// generated and built, which keeps the whole run to seconds and the repository's build rules out of it.
/// </summary>
public static class MicroBenchmarks
{
    public static void Run()
    {
        Console.WriteLine("## micro (BenchmarkDotNet ShortRun, in process)");
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary)
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        BenchmarkRunner.Run([typeof(ApiKeyHashBenchmarks), typeof(TokenValidationBenchmarks), typeof(JsonMergePatchBenchmarks), typeof(ChatRoutingBenchmarks)], config);
    }
}
