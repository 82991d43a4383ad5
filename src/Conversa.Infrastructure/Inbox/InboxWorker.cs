using Microsoft.Extensions.Hosting;

namespace Conversa.Infrastructure.Inbox;

/// <summary>Runs <see cref="InboxProcessor.RunAsync"/>, woken by <see cref="InboxSignal"/> or every poll interval.</summary>
public sealed class InboxWorker(InboxProcessor processor, InboxSignal signal, InboxOptions options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Enabled ? processor.RunAsync(signal, stoppingToken) : Task.CompletedTask;
}
