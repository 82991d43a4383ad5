using System.Globalization;

namespace Conversa.Benchmarks;

/// <summary>The command line: <c>[resolution|tenants10k|knowledge|booking|chat|webhooks|replies|micro|all] [--duration SECONDS] [--concurrency N] [--warmup SECONDS] [--rate N]</c>;
/// the warm-up is per variant (default: a quarter of the duration, at most 2 s); a longer one measures a process whose
/// JIT has settled. <c>--rate</c> is the messages per second of the open-loop webhook → reply run, in place of its
/// default rates.</summary>
public sealed record BenchOptions(string Scenario, TimeSpan Duration, int Concurrency, TimeSpan? WarmUp = null, int? Rate = null)
{
    public static readonly string[] Scenarios = ["resolution", "tenants10k", "knowledge", "booking", "chat", "webhooks", "replies", "micro", "all"];

    public const string Usage = "usage: Conversa.Benchmarks [resolution|tenants10k|knowledge|booking|chat|webhooks|replies|micro|all] [--duration SECONDS] [--concurrency N] [--warmup SECONDS] [--rate N]";

    public static BenchOptions? Parse(string[] args)
    {
        var scenario = "all";
        var duration = 10;
        var concurrency = 32;
        var warmUp = -1;
        var rate = 0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--duration" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out duration) && duration > 0:
                case "--concurrency" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out concurrency) && concurrency > 0:
                case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out warmUp) && warmUp >= 0:
                case "--rate" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out rate) && rate > 0:
                    i++;
                    break;
                case var name when Scenarios.Contains(name):
                    scenario = name;
                    break;
                default:
                    return null;
            }
        }
        return new BenchOptions(scenario, TimeSpan.FromSeconds(duration), concurrency, warmUp < 0 ? null : TimeSpan.FromSeconds(warmUp),
            rate > 0 ? rate : null);
    }
}
