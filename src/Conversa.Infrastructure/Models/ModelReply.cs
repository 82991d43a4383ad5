using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// The outcome of one model turn: the text to send, or — when <see cref="FallbackReason"/> is set and
/// <see cref="Text"/> is null — the signal to answer with the built-in engine. Tools already run are listed either way.
/// </summary>
public sealed record ModelReply(string? Text, string? FallbackReason, IReadOnlyList<ToolInvocation> Tools, UsageDetails Usage, string? ModelId)
{
    public bool IsFallback => Text is null;

    public static ModelReply Fallback(string reason, IReadOnlyList<ToolInvocation> tools, UsageDetails usage) =>
        new(null, reason, tools, usage, null);
}
