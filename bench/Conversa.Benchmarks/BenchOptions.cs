using System.Globalization;

namespace Conversa.Benchmarks;

/// <summary>The command line: <c>[resolution|tenants10k|knowledge|booking|chat|webhooks|micro|all] [--duration SECONDS] [--concurrency N]</c>.</summary>
public sealed record BenchOptions(string Scenario, TimeSpan Duration, int Concurrency)
{
    public static readonly string[] Scenarios = ["resolution", "tenants10k", "knowledge", "booking", "chat", "webhooks", "micro", "all"];

    public const string Usage = "usage: Conversa.Benchmarks [resolution|tenants10k|knowledge|booking|chat|webhooks|micro|all] [--duration SECONDS] [--concurrency N]";

    public static BenchOptions? Parse(string[] args)
    {
        var scenario = "all";
        var duration = 10;
        var concurrency = 32;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--duration" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out duration) && duration > 0:
                case "--concurrency" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out concurrency) && concurrency > 0:
                    i++;
                    break;
                case var name when Scenarios.Contains(name):
                    scenario = name;
                    break;
                default:
                    return null;
            }
        }
        return new BenchOptions(scenario, TimeSpan.FromSeconds(duration), concurrency);
    }
}
