using Conversa.Infrastructure.Engine;
using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// The chat model a tenant's message goes to. <see cref="Client"/> is null for <c>builtin</c>: the deterministic
/// engine answers. When a configured model cannot be used (no model name, no key, a bad URL),
/// <see cref="FallbackReason"/> says why and the engine answers as for builtin; <see cref="OverQuota"/> is set when
/// the reason is the tenant's monthly <c>ai_tokens</c> limit.
/// </summary>
public sealed record ResolvedChatModel(IChatClient? Client, string Provider, string? Model, string? FallbackReason)
{
    public QuotaRefusal? OverQuota { get; init; }

    public bool IsBuiltin => Client is null;

    /// <summary>What health pages and logs show: <c>openai/gpt-4o-mini</c>, <c>builtin</c> or <c>builtin (fallback: …)</c>.</summary>
    public string Description => Client is not null ? $"{Provider}/{Model}"
        : FallbackReason is null ? "builtin" : $"builtin (fallback: {FallbackReason})";
}
