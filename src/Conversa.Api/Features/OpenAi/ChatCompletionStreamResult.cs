using System.Text.Json;
using Conversa.Api.Features.Chat;
using Conversa.Api.Hosting;

namespace Conversa.Api.Features.OpenAi;

/// <summary>
/// A completion as OpenAI streams it: <c>chat.completion.chunk</c> events — the role first, then the text a few words
/// at a time (as <see cref="ChatStreamResult"/> cuts it), then an empty delta with <c>finish_reason</c> and the
/// <c>conversa</c> extras, then the usage when <c>stream_options.include_usage</c> asked for it — and <c>data: [DONE]</c>.
/// </summary>
public sealed class ChatCompletionStreamResult(ChatCompletionView completion, bool includeUsage) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var cancellationToken = http.RequestAborted;
        var choice = completion.Choices[0];
        await WriteAsync(http, Chunk([new ChunkChoice(0, new ChunkDelta("assistant", ""), null)]), cancellationToken);
        foreach (var delta in ChatStreamResult.Deltas(choice.Message.Content))
        {
            await WriteAsync(http, Chunk([new ChunkChoice(0, new ChunkDelta(Content: delta), null)]), cancellationToken);
        }
        await WriteAsync(http, Chunk([new ChunkChoice(0, new ChunkDelta(), choice.FinishReason)]) with { Conversa = completion.Conversa }, cancellationToken);
        if (includeUsage)
        {
            await WriteAsync(http, Chunk([]) with { Usage = completion.Usage }, cancellationToken);
        }
        await http.Response.WriteAsync("data: [DONE]\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    private ChatCompletionChunk Chunk(IReadOnlyList<ChunkChoice> choices) =>
        new(completion.Id, completion.Created, completion.Model, choices);

    private static async Task WriteAsync(HttpContext http, ChatCompletionChunk chunk, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(chunk, JsonDefaults.Options)}\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
