using System.Text;
using System.Text.Json;
using Conversa.Api.Hosting;

namespace Conversa.Api.Features.Chat;

/// <summary>
/// The reply as Server-Sent Events: <c>data: {"delta": "..."}</c> events with the text a few words at a time, then
/// <c>event: done</c> whose data is the whole <see cref="ChatView"/>. The builtin engine has the full reply at once;
/// streaming it still lets clients written for token streams show it the same way.
/// </summary>
public sealed class ChatStreamResult(ChatView view) : IResult
{
    private const int WordsPerEvent = 4;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var cancellationToken = http.RequestAborted;
        foreach (var delta in Deltas(view.Reply))
        {
            await WriteAsync(http, null, JsonSerializer.Serialize(new { delta }, JsonDefaults.Options), cancellationToken);
        }
        await WriteAsync(http, "done", JsonSerializer.Serialize(view, JsonDefaults.Options), cancellationToken);
    }

    /// <summary>The text in pieces of a few words, each keeping its following spaces, so the pieces join back exactly.</summary>
    public static IEnumerable<string> Deltas(string text)
    {
        var piece = new StringBuilder();
        var words = 0;
        for (var i = 0; i < text.Length; i++)
        {
            piece.Append(text[i]);
            var endOfWord = char.IsWhiteSpace(text[i]) && (i + 1 == text.Length || !char.IsWhiteSpace(text[i + 1]));
            if (endOfWord && ++words == WordsPerEvent)
            {
                yield return piece.ToString();
                piece.Clear();
                words = 0;
            }
        }
        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    private static async Task WriteAsync(HttpContext http, string? eventName, string data, CancellationToken cancellationToken)
    {
        var frame = eventName is null ? $"data: {data}\n\n" : $"event: {eventName}\ndata: {data}\n\n";
        await http.Response.WriteAsync(frame, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
