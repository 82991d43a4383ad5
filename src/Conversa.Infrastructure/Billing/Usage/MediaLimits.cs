using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Persistence;

namespace Conversa.Infrastructure.Billing.Usage;

/// <summary>
/// Whether the scope's tenant may have a voice note or an image read by a model now: not when the month's messages are
/// used up (its answer would be refused anyway) nor when the month's <c>ai_tokens</c> are. Asked before anything is
/// downloaded, transcribed or described, on every channel.
/// </summary>
public sealed class MediaLimits(AppDbContext db, MessageQuota quota, AiTokenBudget budget)
{
    /// <summary>Null when a model may read the media; else which limit stands in the way.</summary>
    public async Task<MediaRefusal?> RefusalAsync(CancellationToken cancellationToken) =>
        await quota.UsedUpAsync(db, cancellationToken) ? new MediaRefusal(null)
        : await budget.CheckAsync(db, cancellationToken) is { } spent ? new MediaRefusal(spent)
        : null;
}

/// <summary>Media left unread: over the month's messages (<see cref="OverTokens"/> null), or over its AI tokens.</summary>
public sealed record MediaRefusal(QuotaRefusal? OverTokens);
