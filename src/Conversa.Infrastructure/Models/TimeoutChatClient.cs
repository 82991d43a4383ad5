using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// Bounds a model call: the whole response, or for a stream each wait for the next update (a long answer that keeps
/// coming is not cut off, and the time the caller spends on each update does not count). Running out throws
/// <see cref="TimeoutException"/>; the caller's own cancellation stays a cancellation.
/// </summary>
public sealed class TimeoutChatClient(IChatClient inner, TimeSpan timeout) : DelegatingChatClient(inner)
{
    public TimeSpan Timeout { get; } = timeout;

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(Timeout);
        try
        {
            return await base.GetResponseAsync(messages, options, timer.Token);
        }
        catch (Exception e) when (TimedOut(e, timer, cancellationToken))
        {
            throw new TimeoutException($"the model did not answer within {Timeout.TotalSeconds:0.#} s", e);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(Timeout);
        var updates = base.GetStreamingResponseAsync(messages, options, timer.Token).GetAsyncEnumerator(timer.Token);
        try
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (Exception e) when (TimedOut(e, timer, cancellationToken))
                {
                    throw new TimeoutException($"the model stopped answering for {Timeout.TotalSeconds:0.#} s", e);
                }
                // The clock stops while the caller handles the update (writing it to its own client, say): a slow
                // reader there is not a slow model.
                timer.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
                yield return updates.Current;
                timer.CancelAfter(Timeout);
            }
        }
        finally
        {
            await updates.DisposeAsync();
        }
    }

    // SDKs surface a cancelled request as OperationCanceledException or wrap it in their own exception types.
    private static bool TimedOut(Exception e, CancellationTokenSource timer, CancellationToken callerToken) =>
        timer.IsCancellationRequested && !callerToken.IsCancellationRequested && e is not TimeoutException;
}
