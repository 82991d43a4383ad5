using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// Turns any failure of the model (provider error, network, timeout, a malformed answer) into the
/// <see cref="ModelFallback"/> signal instead of an exception, so the engine answers with the built-in one and the
/// customer is never left without a reply. Only the caller's own cancellation passes through.
/// </summary>
public sealed class FallbackChatClient(IChatClient inner, string description, ILogger logger) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return ModelFallback.Response(Failed(e));
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        string? failure = null;
        try
        {
            updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            failure = Failed(e);
        }
        if (updates is null)
        {
            yield return ModelFallback.Update(failure!);
            yield break;
        }
        try
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    failure = Failed(e);
                }
                // Text already streamed stays with the caller; the last update tells it the answer is incomplete.
                if (failure is not null)
                {
                    yield return ModelFallback.Update(failure);
                    yield break;
                }
                yield return updates.Current;
            }
        }
        finally
        {
            try
            {
                await updates.DisposeAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug(e, "Closing the {Model} stream failed", description);
            }
        }
    }

    private string Failed(Exception e)
    {
        var reason = Reason(e);
        logger.LogWarning(e, "Model {Model} failed, the built-in engine answers: {Reason}", description, reason);
        return reason;
    }

    /// <summary>A short, key-free reason for logs and health: the timeout, the provider's HTTP status, or the error's kind.</summary>
    internal static string Reason(Exception e)
    {
        if (e is TimeoutException)
        {
            return e.Message;
        }
        if (e is System.ClientModel.ClientResultException { Status: > 0 } openAi)
        {
            return $"the provider answered HTTP {openAi.Status}";
        }
        if (e is Anthropic.Exceptions.AnthropicApiException anthropic)
        {
            return $"the provider answered HTTP {(int)anthropic.StatusCode}";
        }
        var message = e.Message.ReplaceLineEndings(" ");
        return $"{e.GetType().Name}: {(message.Length > 160 ? message[..160] + "…" : message)}";
    }
}
