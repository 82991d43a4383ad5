using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Persistence;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// Tells the tenant's staff about a conversation that needs them now (an emergency), through the outbox, to
/// <c>settings.emergency.notify_phone</c>. Without a phone the notice still goes to the outbox (the <c>log</c>
/// channel records it) so it is never silently dropped.
/// </summary>
public sealed class StaffNotifier(AppDbContext db, IOutbox outbox)
{
    public const string Purpose = "staff_notification";

    public async Task<AgentAction> NotifyAsync(AssistantProfile profile, Guid conversationId, string text, CancellationToken cancellationToken)
    {
        var message = new OutboundMessage(profile.TenantId, profile.TenantSlug, profile.NotifyPhone, text, Purpose, conversationId);
        string channel;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            channel = await outbox.EnqueueAsync(db, message, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        outbox.Committed(message);
        return AgentAction.Of("staff_notified", ("recipient", profile.NotifyPhone), ("channel", channel));
    }
}
