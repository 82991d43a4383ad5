using System.Text;
using System.Text.Json;
using Conversa.Api.Hosting;
using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.Chat;

/// <summary>
/// The Server-Sent Events of a streamed <c>POST /api/chat</c>: <c>data: {"delta": "..."}</c> events, at most one
/// <c>event: replace</c> whose <c>{"reply": "..."}</c> takes the place of the text sent so far (a model failed
/// mid-answer and the builtin answer replaces it — an extension to API.md), then <c>event: done</c> with the whole
/// <see cref="ChatView"/>. The engine writes a model's text here as it comes (<see cref="IReplyWriter"/>); the
/// response starts with the first event, so a turn refused before that (over quota, no such contact) is still a
/// plain problem. Every event is flushed, and writes use the request's abort token: a client hanging up cancels the
/// turn, model call included.
/// </summary>
public sealed class ChatEvents(HttpContext http) : IReplyWriter
{
    private readonly StringBuilder _sent = new();

    public bool CanReplace => true;

    /// <summary>Whether the response has begun (a model streamed text).</summary>
    public bool Started { get; private set; }

    /// <summary>The text the client holds: the deltas sent, or the last replacement.</summary>
    public string Sent => _sent.ToString();

    public ValueTask WriteAsync(string delta, CancellationToken cancellationToken)
    {
        _sent.Append(delta);
        return new ValueTask(SendAsync(null, new { delta }, cancellationToken));
    }

    public async Task ReplaceAsync(string reply, CancellationToken cancellationToken)
    {
        _sent.Clear().Append(reply);
        await SendAsync("replace", new { reply }, cancellationToken);
    }

    public Task DoneAsync(ChatView view, CancellationToken cancellationToken) => SendAsync("done", view, cancellationToken);

    private async Task SendAsync<T>(string? eventName, T data, CancellationToken cancellationToken)
    {
        if (!Started)
        {
            Started = true;
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
        }
        var json = JsonSerializer.Serialize(data, JsonDefaults.Options);
        await http.Response.WriteAsync(eventName is null ? $"data: {json}\n\n" : $"event: {eventName}\ndata: {json}\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
