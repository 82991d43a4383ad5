namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// One attempt at delivering an outbox row: the row's id, its tenant, the message, the attempt number (1 for the
/// first), the DI scope of the row's tenant (<see cref="Services"/>) for the sender's channel config and secrets, and
/// the progress the row carried when it was claimed.
/// </summary>
public sealed record OutboxDelivery(
    Guid Id, Guid TenantId, string TenantSlug, OutboundMessage Message, int Attempt, IServiceProvider Services, string? SavedProgress = null)
{
    /// <summary>What the sender last saved with <see cref="SaveProgressAsync"/> (on this attempt or an earlier one, any node), or null.</summary>
    public string? Progress { get; private set; } = SavedProgress;

    /// <summary>Writes progress to the row; set by the outbox for the attempt's claim.</summary>
    public Func<string, CancellationToken, Task> Persist { private get; init; } = (_, _) => Task.CompletedTask;

    /// <summary>
    /// Records how far a message in several parts got, on the row and under this attempt's claim, so a quick retry or the
    /// next attempt — here or on another node — goes on from there instead of sending the first parts again.
    /// </summary>
    public async Task SaveProgressAsync(string progress, CancellationToken cancellationToken)
    {
        Progress = progress;
        await Persist(progress, cancellationToken);
    }
}
