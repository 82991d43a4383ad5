using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Persistence;

namespace Conversa.Infrastructure.Billing.Usage;

/// <summary>
/// The monthly <c>ai_tokens</c> limit (the plan's, or the tenant's own): once the scope's tenant's model tokens this
/// month (in and out, on every node) reach it, no model is called for it until the next month or a higher limit.
/// </summary>
public sealed class AiTokenBudget(UsageLimits limits, UsageLedger usage)
{
    /// <summary>Null while the tenant may call a model; else the refusal (its staff notice is not claimed here).</summary>
    public async Task<QuotaRefusal?> CheckAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var (_, inForce) = await limits.CurrentAsync(db, cancellationToken);
        if (inForce.AiTokens is not { } max)
        {
            return null;
        }
        var used = await usage.CurrentAsync(db, cancellationToken);
        return used.AiTokens < max ? null : new QuotaRefusal(max, FirstRefusal: false, usage.NextPeriodStart, UsageLimit.AiTokens);
    }
}
