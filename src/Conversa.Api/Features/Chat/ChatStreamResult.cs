using System.Text;

namespace Conversa.Api.Features.Chat;

/// <summary>
/// Ends a streamed <c>/api/chat</c> turn on its <see cref="ChatEvents"/>. A reply no model streamed (the builtin
/// engine, an emergency, a model that failed before any text) goes out a few words at a time, so clients written for
/// token streams show it the same way; a streamed reply that is not what the client holds (a model failed
/// mid-answer) is sent as <c>event: replace</c>. Then <c>event: done</c>: its <c>reply</c>, the client's text and the
/// stored reply are the same.
/// </summary>
public sealed class ChatStreamResult(ChatEvents events, ChatView view) : IResult
{
    private const int WordsPerEvent = 4;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        if (!events.Started)
        {
            foreach (var delta in Deltas(view.Reply))
            {
                await events.WriteAsync(delta, cancellationToken);
            }
        }
        else if (events.Sent != view.Reply)
        {
            await events.ReplaceAsync(view.Reply, cancellationToken);
        }
        await events.DoneAsync(view, cancellationToken);
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
}
