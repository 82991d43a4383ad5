using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// A chat provider as Microsoft.Extensions.AI shapes it, bound to one configuration (provider, model, endpoint,
/// key). One instance is shared by every tenant with that configuration; the per-tenant behaviours (usage,
/// timeout, fallback) are wrapped around it by <see cref="ChatModels"/>.
/// </summary>
public interface IChatModel : IChatClient
{
    /// <summary><c>openai</c> or <c>anthropic</c>.</summary>
    string Provider { get; }

    /// <summary>The provider's model name, e.g. <c>gpt-4o-mini</c> or <c>claude-sonnet-4-5</c>.</summary>
    string Model { get; }
}
