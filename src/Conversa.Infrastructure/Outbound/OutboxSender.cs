using System.Collections.Concurrent;
using System.Text;
using Conversa.Core.Channels;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Background;
using Conversa.Infrastructure.Conversations;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Reminders;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Conversa.Infrastructure.Outbound;

/// <summary>
/// One sender run: claims due outbox rows (any tenant) under a fresh token, delivers each through its channel's
/// <see cref="IChannelSender"/> inside the row's tenant scope (a Polly pipeline: a timeout per attempt and a few
/// quick retries with jittered exponential back-off), then records the outcome under the same claim: sent (with the
/// provider's message id on the conversation message), rescheduled with back-off, or failed for good.
/// A row is sent twice only when a node dies (or stalls past the lease) after the provider accepted it and before
/// the mark committed: providers take no idempotency key, so that one row goes out again.
/// </summary>
public sealed class OutboxSender(
    OutboxClaims claims, TenantScope tenantScope, IEnumerable<IChannelSender> senders, LogSender log, OutboxSignal signal, OutboxOptions options,
    TimeProvider time, ILogger<OutboxSender> logger)
{
    public const int MaxErrorLength = 2000;

    private readonly Dictionary<string, IChannelSender> _senders = senders.Append(log)
        .GroupBy(s => s.Channel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private readonly ResiliencePipeline<SendOutcome> _pipeline = BuildPipeline(options);

    private readonly ConcurrentDictionary<(string Channel, string Outcome), long> _sends = new();

    /// <summary>Attempts on this node by channel and outcome (<c>sent</c>, <c>retry</c>, <c>failed</c>), for <c>/metrics</c>.</summary>
    public IReadOnlyDictionary<(string Channel, string Outcome), long> Sends => _sends;

    /// <summary>Delivers what is due now; returns how many rows it claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        using var work = new OrderedWork<(Guid, string, string)>(options.Parallelism, logger, cancellationToken);
        var claimed = await ClaimAsync(work, options.BatchSize, cancellationToken);
        await work.DrainAsync();
        return claimed;
    }

    /// <summary>The worker's loop: up to <see cref="OutboxOptions.BatchSize"/> rows held, more claimed as they are sent.</summary>
    public async Task RunAsync(OutboxSignal signal, CancellationToken stoppingToken)
    {
        using var work = new OrderedWork<(Guid, string, string)>(options.Parallelism, logger, stoppingToken);
        await work.RunAsync("Outbox", options.BatchSize, signal, TimeSpan.FromSeconds(Math.Max(0.05, options.PollSeconds)), ClaimAsync);
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due rows under a fresh token and starts them: rows to different recipients side
    /// by side (one slow provider or number does not hold the others up), one recipient's rows one after another in due
    /// order, so a conversation's replies arrive in the order they were written.
    /// </summary>
    private async Task<int> ClaimAsync(OrderedWork<(Guid, string, string)> work, int max, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await claims.ClaimDueAsync(token, now, now.AddSeconds(options.LeaseSeconds), max, _senders.Keys, work.Held(), cancellationToken);
        foreach (var row in claimed)
        {
            work.Start(row.Id, (row.TenantId, row.Channel, row.OrderKey), ct => SendInTenantAsync(row, token, ct));
        }
        return claimed.Count;
    }

    private async Task SendInTenantAsync(OutboxClaims.Claimed row, Guid token, CancellationToken cancellationToken)
    {
        try
        {
            // One connection for the send, held across the provider call too (at most Parallelism per node).
            await tenantScope.RunAsync(row.TenantId, services => services.GetRequiredService<AppDbContext>().OnOneConnectionAsync(async () =>
            {
                await SendAsync(services, row.Id, token, cancellationToken);
                return true;
            }, cancellationToken), cancellationToken);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("does not exist", StringComparison.Ordinal))
        {
            // Deleted between the claim and now: its rows went with it.
        }
    }

    private async Task SendAsync(IServiceProvider services, Guid id, Guid token, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        // A claim whose lease ran out while earlier rows were sent may be another node's by now: leave it to that node.
        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.OutboxEntries.AsNoTracking()
            .FirstOrDefaultAsync(o => o.Id == id && o.ClaimToken == token && o.Status == OutboxStatus.Pending && o.ClaimedUntil > now, cancellationToken);
        if (row is not null)
        {
            await SendRowAsync(services, db, row, token, cancellationToken);
        }
    }

    /// <summary>
    /// Sends the rows <paramref name="direct"/> holds — committed by this scope already claimed — on the scope's own
    /// connection, in commit order. Never throws. Rows not started because the node is stopping go back to the worker
    /// at once; a send that failed halfway (the database down while recording it) is left to its lease, as the worker
    /// leaves its own, since the provider may already have the message.
    /// </summary>
    public async Task SendCommittedAsync(IServiceProvider services, DirectSends direct, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        foreach (var row in direct.Take())
        {
            var token = row.ClaimToken!.Value;
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(db, row.Id, token);
                continue;
            }
            try
            {
                await SendRowAsync(services, db, row, token, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Outbox row {RowId} failed in the task that stored it; it is sent again once its lease runs out", row.Id);
            }
            catch (OperationCanceledException)
            {
                // Stopping mid-send: like a worker's send, the lease brings it back.
            }
        }
    }

    /// <summary>Gives a claimed row back to any worker (due now) and wakes this node's.</summary>
    private async Task ReleaseAsync(AppDbContext db, Guid id, Guid token)
    {
        try
        {
            await db.OutboxEntries.Where(o => o.Id == id && o.ClaimToken == token && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimToken, (Guid?)null).SetProperty(o => o.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            signal.Notify();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Outbox row {RowId} could not be handed back; it is sent once its lease runs out", id);
        }
    }

    private async Task SendRowAsync(IServiceProvider services, AppDbContext db, OutboxEntry row, Guid token, CancellationToken cancellationToken)
    {
        var message = new OutboundMessage(row.TenantId, db.Tenant.TenantSlug ?? "", row.Recipient, row.Text, row.Purpose, row.ReferenceId,
            row.ConversationChannel, row.ConversationId, row.ThreadId, row.Kind);
        var delivery = new OutboxDelivery(row.Id, row.TenantId, message.TenantSlug, message, row.Attempts, services, row.Progress)
        {
            Persist = (progress, ct) => db.OutboxEntries
                .Where(o => o.Id == row.Id && o.ClaimToken == token && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Progress, progress), ct),
        };
        var outcome = await DeliverAsync(delivery, row.Channel, cancellationToken);
        if (outcome is SendOutcome.Retry && row.Attempts >= options.MaxAttempts)
        {
            outcome = new SendOutcome.Failed($"Gave up after {row.Attempts} attempts: {((SendOutcome.Retry)outcome).Reason}");
        }
        var name = outcome switch { SendOutcome.Sent => "sent", SendOutcome.Retry => "retry", _ => "failed" };
        _sends.AddOrUpdate((row.Channel, name), 1, (_, n) => n + 1);
        await RecordAsync(services, db, row, token, outcome);
    }

    private async Task<SendOutcome> DeliverAsync(OutboxDelivery delivery, string channel, CancellationToken cancellationToken)
    {
        if (!_senders.TryGetValue(channel, out var sender))
        {
            return new SendOutcome.Retry($"No sender is registered for channel '{channel}' on this node.");
        }
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, ct) => await state.sender.SendAsync(state.delivery, ct), (sender, delivery), cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return new SendOutcome.Retry($"No answer within {options.AttemptTimeoutSeconds} s.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Sender {Channel} threw on outbox row {RowId}", channel, delivery.Id);
            return new SendOutcome.Retry(e.Message);
        }
    }

    /// <summary>Writes the outcome, only while the claim is still ours, together with the conversation message's status.</summary>
    private async Task RecordAsync(IServiceProvider services, AppDbContext db, OutboxEntry row, Guid token, SendOutcome outcome)
    {
        // The provider already has the message: its outcome is recorded even when the node is shutting down.
        var cancellationToken = CancellationToken.None;
        var now = time.GetUtcNow().UtcDateTime;
        var mine = db.OutboxEntries.Where(o => o.Id == row.Id && o.ClaimToken == token && o.Status == OutboxStatus.Pending);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int changed;
        DeliveryStatus? delivery = null;
        string? providerId = null;
        switch (outcome)
        {
            case SendOutcome.Sent sent:
                providerId = Truncate(sent.ProviderMessageId);
                changed = await mine.ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.Status, OutboxStatus.Sent)
                    .SetProperty(o => o.ProviderMessageId, providerId)
                    .SetProperty(o => o.SentAt, now)
                    .SetProperty(o => o.SentBy, ReminderDispatcher.NodeId)
                    .SetProperty(o => o.Error, (string?)null)
                    .SetProperty(o => o.ClaimToken, (Guid?)null)
                    .SetProperty(o => o.ClaimedUntil, (DateTime?)null)
                    .SetProperty(o => o.UpdatedAt, now), cancellationToken);
                delivery = DeliveryStatus.Sent;
                break;
            case SendOutcome.Retry retry:
                var dueAt = now + (retry.After ?? Backoff(row.Attempts));
                logger.LogWarning("Outbox row {RowId} on {Channel} will be retried at {DueAt} (attempt {Attempt}): {Reason}",
                    row.Id, row.Channel, dueAt, row.Attempts, retry.Reason);
                changed = await mine.ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.DueAt, dueAt)
                    .SetProperty(o => o.Error, Truncate(retry.Reason))
                    .SetProperty(o => o.ClaimToken, (Guid?)null)
                    .SetProperty(o => o.ClaimedUntil, (DateTime?)null)
                    .SetProperty(o => o.UpdatedAt, now), cancellationToken);
                break;
            case SendOutcome.Failed failed:
                logger.LogWarning("Outbox row {RowId} on {Channel} failed for good (attempt {Attempt}): {Reason}",
                    row.Id, row.Channel, row.Attempts, failed.Reason);
                changed = await mine.ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.Status, OutboxStatus.Failed)
                    .SetProperty(o => o.Error, Truncate(failed.Reason))
                    .SetProperty(o => o.ClaimToken, (Guid?)null)
                    .SetProperty(o => o.ClaimedUntil, (DateTime?)null)
                    .SetProperty(o => o.UpdatedAt, now), cancellationToken);
                delivery = DeliveryStatus.Failed;
                break;
            default:
                throw new InvalidOperationException($"Unknown send outcome {outcome}.");
        }
        if (changed > 0 && delivery is { } status && row.ConversationId is not null)
        {
            await services.GetRequiredService<ConversationStore>().MarkDeliveryAsync(row.ReferenceId, status, providerId, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Base × 2^(attempt−1), capped, ±20 % jitter so rows failing together do not come back together.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var seconds = Math.Min(options.RetryMaxSeconds, options.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    private static string? Truncate(string? text) => text is { Length: > MaxErrorLength } ? text[..MaxErrorLength] : text;

    private static ResiliencePipeline<SendOutcome> BuildPipeline(OutboxOptions options)
    {
        var builder = new ResiliencePipelineBuilder<SendOutcome>();
        if (options.InProcessRetries > 0)
        {
            var quick = TimeSpan.FromSeconds(2);
            builder.AddRetry(new RetryStrategyOptions<SendOutcome>
            {
                MaxRetryAttempts = options.InProcessRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(options.InProcessRetryDelaySeconds),
                // A provider asking for a longer pause gets it from the schedule instead of holding this run.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: OperationCanceledException } => false,
                    { Exception: not null } => true,
                    { Result: SendOutcome.Retry { After: null } } => true,
                    { Result: SendOutcome.Retry { After: { } after } } => after <= quick,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is SendOutcome.Retry { After: { } after } ? after : (TimeSpan?)null),
            });
        }
        builder.AddTimeout(TimeSpan.FromSeconds(Math.Max(0.01, options.AttemptTimeoutSeconds)));
        return builder.Build();
    }
}
