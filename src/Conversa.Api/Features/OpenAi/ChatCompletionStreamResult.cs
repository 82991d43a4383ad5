using Conversa.Api.Features.Chat;

namespace Conversa.Api.Features.OpenAi;

/// <summary>
/// Ends a streamed completion on its <see cref="CompletionChunks"/>: a reply no model streamed (the builtin engine, an
/// emergency, a model that failed before any text) goes out after the role chunk a few words at a time (as
/// <see cref="ChatStreamResult"/> cuts it); then an empty delta with <c>finish_reason</c> and the <c>conversa</c>
/// extras, the usage when <c>stream_options.include_usage</c> asked for it, and <c>data: [DONE]</c>. The content
/// chunks join to the stored reply.
/// </summary>
public sealed class ChatCompletionStreamResult(CompletionChunks chunks, ChatCompletionView completion, bool includeUsage) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        var choice = completion.Choices[0];
        if (!chunks.Started)
        {
            await chunks.StartAsync(cancellationToken);
            foreach (var delta in ChatStreamResult.Deltas(choice.Message.Content))
            {
                await chunks.WriteAsync(delta, cancellationToken);
            }
        }
        await chunks.SendAsync([new ChunkChoice(0, new ChunkDelta(), choice.FinishReason)], cancellationToken, conversa: completion.Conversa);
        if (includeUsage)
        {
            await chunks.SendAsync([], cancellationToken, usage: completion.Usage);
        }
        await chunks.DoneAsync(cancellationToken);
    }
}
