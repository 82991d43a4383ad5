using System.Text.Json;
using Conversa.Api.Hosting;
using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.OpenAi;

/// <summary>
/// The <c>chat.completion.chunk</c> events of a streamed <c>/v1/chat/completions</c>, under one <see cref="Id"/> and
/// <see cref="Created"/> chosen before the turn (the first chunk may leave before the reply is stored). The engine
/// writes a model's text here as it comes (<see cref="IReplyWriter"/>); the response starts with the role chunk just
/// before the first text, so a turn refused before that (over quota) is still a plain problem. OpenAI's stream has
/// no way to take text back, so <see cref="CanReplace"/> is false: a model failing mid-answer has its text kept and
/// closed with a sentence rather than replaced. Every chunk is flushed; a client hanging up cancels the turn.
/// </summary>
public sealed class CompletionChunks(HttpContext http, string id, long created, string model) : IReplyWriter
{
    public string Id => id;

    public long Created => created;

    public bool CanReplace => false;

    public bool Started { get; private set; }

    public async ValueTask WriteAsync(string delta, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        await SendAsync([new ChunkChoice(0, new ChunkDelta(Content: delta), null)], cancellationToken);
    }

    /// <summary>Starts the response with the role chunk, <c>{role: assistant, content: ""}</c>, once.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Started)
        {
            return;
        }
        Started = true;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await SendAsync([new ChunkChoice(0, new ChunkDelta("assistant", ""), null)], cancellationToken);
    }

    public Task SendAsync(
        IReadOnlyList<ChunkChoice> choices, CancellationToken cancellationToken, CompletionUsage? usage = null, ConversaTurnView? conversa = null) =>
        WriteFrameAsync($"data: {JsonSerializer.Serialize(new ChatCompletionChunk(id, created, model, choices, usage, conversa), JsonDefaults.Options)}\n\n", cancellationToken);

    public Task DoneAsync(CancellationToken cancellationToken) => WriteFrameAsync("data: [DONE]\n\n", cancellationToken);

    private async Task WriteFrameAsync(string frame, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync(frame, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
