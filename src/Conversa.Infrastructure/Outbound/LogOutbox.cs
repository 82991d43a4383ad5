using Conversa.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// The <c>log</c> channel: until a tenant has a messaging channel, outgoing messages are written to the
/// server log (one line each, after the handover committed) and recorded as sent there.
/// </summary>
public sealed class LogOutbox(ILogger<LogOutbox> logger) : IOutbox
{
    public const string Channel = "log";

    public Task<string> EnqueueAsync(AppDbContext db, OutboundMessage message, CancellationToken cancellationToken) => Task.FromResult(Channel);

    public void Committed(OutboundMessage message) =>
        logger.LogInformation("Outbound {Purpose} {ReferenceId} for tenant {Tenant} to {Recipient} via log: {Text}",
            message.Purpose, message.ReferenceId, message.TenantSlug, message.Recipient ?? "(no phone linked)", message.Text);
}
