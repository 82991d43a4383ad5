namespace Conversa.Benchmarks;

/// <summary>
/// Measures several variants in turn, in many short rounds, after warming each up. On a shared 2-core machine
/// a burst of outside load then hits every variant alike instead of spoiling one variant's whole run.
/// </summary>
public sealed class InterleavedRuns(int concurrency, TimeSpan duration, TimeSpan? warmUp = null)
{
    public const int Rounds = 10;
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(2);

    public async Task<VariantResult[]> RunAsync(params LoadVariant[] variants)
    {
        var generators = variants.Select(v => new LoadGenerator(v.Address, concurrency, v.Request)).ToArray();
        try
        {
            foreach (var generator in generators)
            {
                await generator.WarmUpAsync(warmUp ?? (duration / 4 < MaxWarmUp ? duration / 4 : MaxWarmUp));
            }
            var rounds = variants.Select(_ => new List<LoadResult>()).ToArray();
            for (var round = 0; round < Rounds; round++)
            {
                for (var i = 0; i < variants.Length; i++)
                {
                    rounds[i].Add(await generators[i].RunAsync(variants[i].Name, duration / Rounds));
                }
            }
            return variants.Select((v, i) => new VariantResult(v.Name, rounds[i])).ToArray();
        }
        finally
        {
            foreach (var generator in generators)
            {
                generator.Dispose();
            }
        }
    }
}
