using Conversa.Infrastructure.Billing;
using Conversa.Infrastructure.Billing.Usage;
using Conversa.Infrastructure.Persistence;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// The monthly message limit of a tenant's plan (or the tenant's own <c>limits.messages</c>), enforced in the engine so
/// every channel meets it. Messages are counted per tenant per UTC month across nodes by <see cref="UsageLedger"/>
/// (also without a limit: <c>GET /api/usage</c> shows them); a refused message is not counted, so raising the limit
/// frees it at once. The staff are told of the first refusal once a month, whichever node meets it.
/// </summary>
public sealed class MessageQuota(PlanCatalog plans, UsageLimits limits, UsageLedger usage)
{
    /// <summary>Counts one more message for the scope's tenant; null when it is within the limit, else why not.</summary>
    public async ValueTask<QuotaRefusal?> CountAsync(AppDbContext db, TenantAssistant assistant, CancellationToken cancellationToken)
    {
        var limit = assistant.MessageLimit ?? (await plans.GetAsync(assistant.Plan, cancellationToken)).Limits.Messages;
        if (await usage.TryCountMessageAsync(db, limit, cancellationToken))
        {
            return null;
        }
        return new QuotaRefusal(limit!.Value, await usage.ClaimNoticeAsync(db, UsageLimit.Messages, cancellationToken), usage.NextPeriodStart);
    }

    /// <summary>
    /// Whether the scope's tenant's messages are used up this month, without counting one: a voice note is not sent to a
    /// model to be read when its answer would be refused anyway.
    /// </summary>
    public async Task<bool> UsedUpAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var (_, inForce) = await limits.CurrentAsync(db, cancellationToken);
        return inForce.Messages is { } max && (await usage.CurrentAsync(db, cancellationToken)).Messages >= max;
    }
}

/// <summary>
/// A message over a monthly <see cref="Limit"/> (<see cref="Kind"/>: messages, or model tokens); <see cref="FirstRefusal"/>
/// is the month's first (staff are told then); <see cref="ResetsAt"/> is when the count starts again (the next UTC month).
/// </summary>
public sealed record QuotaRefusal(long Limit, bool FirstRefusal, DateTimeOffset ResetsAt, UsageLimit Kind = UsageLimit.Messages);
