using Conversa.Benchmarks.Micro;

namespace Conversa.Benchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }
        if (options.Scenario is "resolution" or "all")
        {
            await ResolutionScenario.RunAsync(options);
        }
        if (options.Scenario is "tenants10k" or "all")
        {
            await Tenants10kScenario.RunAsync(options);
        }
        if (options.Scenario is "knowledge" or "all")
        {
            await Knowledge.KnowledgeScenario.RunAsync();
        }
        if (options.Scenario is "booking" or "all")
        {
            await Booking.BookingScenario.RunAsync(options);
        }
        if (options.Scenario is "chat" or "all")
        {
            await Chat.ChatScenario.RunAsync(options);
        }
        if (options.Scenario is "webhooks" or "all")
        {
            await Webhooks.WebhookScenario.RunAsync(options);
        }
        if (options.Scenario is "replies")
        {
            await Webhooks.WebhookScenario.RunAsync(options, acknowledgements: false);
        }
        if (options.Scenario is "micro" or "all")
        {
            MicroBenchmarks.Run();
        }
        return 0;
    }
}
