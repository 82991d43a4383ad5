using System.Text;
using Conversa.Infrastructure.Models;
using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// What a streamed model turn (<see cref="ToolLoop.StreamAsync"/>) wrote to an <see cref="IReplyWriter"/>:
/// <see cref="Text"/> is exactly what the client was sent, and <see cref="FallbackReason"/> is set when the model
/// failed or ended without text (the builtin engine must answer, or close what was sent). <see cref="ToolOutputs"/> are the
/// tools' results as text, for <see cref="PriceGuard"/>.
/// </summary>
public sealed record StreamedReply(string Text, string? FallbackReason, IReadOnlyList<string> ToolOutputs)
{
    /// <summary>
    /// Sends the text as it arrives, trimmed like <see cref="ToolLoop.RunAsync"/>'s reply: leading whitespace is
    /// dropped and trailing whitespace held back until more text follows, so the sent text is the final reply. Text of
    /// a round that also called tools ("let me check…") was already seen by the client and stays, a blank line before
    /// the next round's.
    /// </summary>
    public static async Task<StreamedReply> SendAsync(
        IAsyncEnumerable<ChatResponseUpdate> updates, IReplyWriter writer, CancellationToken cancellationToken)
    {
        var sent = new StringBuilder();
        var held = "";
        var startOfRound = true;
        var toolOutputs = new List<string>();
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            if (update.FallbackReason() is { } reason)
            {
                return new StreamedReply(sent.ToString(), reason, toolOutputs);
            }
            if (update.Role == ChatRole.Tool)
            {
                toolOutputs.AddRange(update.Contents.OfType<FunctionResultContent>().Select(r => ToolLoop.ResultText(r.Result)));
                startOfRound = true;
                continue;
            }
            var text = update.Text;
            if (startOfRound)
            {
                text = text.TrimStart();
                if (text.Length == 0)
                {
                    continue;
                }
                held = sent.Length > 0 ? "\n\n" : "";
                startOfRound = false;
            }
            var body = text.TrimEnd();
            if (body.Length == 0)
            {
                held += text;
                continue;
            }
            var delta = held + body;
            held = text[body.Length..];
            await writer.WriteAsync(delta, cancellationToken);
            sent.Append(delta);
        }
        // ToolLoop ends a turn whose last round had no text with a fallback update, so here some text was sent.
        return new StreamedReply(sent.ToString(), null, toolOutputs);
    }
}
