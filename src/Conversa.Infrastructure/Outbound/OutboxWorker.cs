using Microsoft.Extensions.Hosting;

namespace Conversa.Infrastructure.Outbound;

/// <summary>Runs <see cref="OutboxSender.RunAsync"/>, woken by <see cref="OutboxSignal"/> or every poll interval.</summary>
public sealed class OutboxWorker(OutboxSender sender, OutboxSignal signal, OutboxOptions options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Enabled ? sender.RunAsync(signal, stoppingToken) : Task.CompletedTask;
}
