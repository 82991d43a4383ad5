namespace Conversa.Infrastructure.Engine;

/// <summary>
/// Where the reply's text goes while a chat model writes it, for callers that stream it to their client (SSE on
/// <c>/api/chat</c>, chunks on <c>/v1/chat/completions</c>). Only a model-phrased turn writes here, and only after the
/// quota check: a builtin reply, an emergency or a refusal arrives whole in <see cref="ChatTurn"/>, as without a stream.
/// </summary>
public interface IReplyWriter
{
    /// <summary>
    /// Whether the client can be told to replace text it was already sent. When it can, a model failing mid-answer is
    /// replaced by the builtin answer (the caller sees that <see cref="ChatTurn.Reply"/> is not what it streamed); when
    /// it cannot, the streamed text is kept and closed with a short sentence written here, so the reply stays what the
    /// client got.
    /// </summary>
    bool CanReplace { get; }

    ValueTask WriteAsync(string delta, CancellationToken cancellationToken);
}
