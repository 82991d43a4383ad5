using Conversa.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// The <c>log</c> channel: what no channel sender takes (a reminder for a tenant without WhatsApp, a reply on a
/// channel not configured) is written to the server log, one line each, and recorded as sent there. Always last.
/// </summary>
public sealed class LogSender(ILogger<LogSender> logger) : IChannelSender
{
    public const string Name = "log";

    public string Channel => Name;

    public ValueTask<bool> HandlesAsync(OutboundMessage message, AppDbContext db, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public Task<SendOutcome> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        logger.LogInformation("Outbound {Purpose} {ReferenceId} for tenant {Tenant} to {Recipient} via log: {Text}",
            message.Purpose, message.ReferenceId, message.TenantSlug, message.Recipient ?? "(no phone linked)", message.Text);
        return Task.FromResult<SendOutcome>(new SendOutcome.Sent(null));
    }
}
