using Conversa.Infrastructure.Engine;

namespace Conversa.Api.Features.OpenAi;

/// <summary>
/// The model names a tenant's assistant answers to on <c>/v1</c>: <c>conversa</c>, and each customer-facing agent the
/// tenant has enabled (<c>settings.assistant.agents_enabled</c>) and the engine has. <c>conversa</c> routes each
/// message as on every channel; an agent's name has that agent answer (except an emergency or a request for a person,
/// which keep their route); <c>conversa.agent</c> in the answer says which agent replied. The staff-side
/// <c>personal</c> assistant is not offered: API keys talk as customers.
/// </summary>
public static class AssistantModels
{
    public const string Default = "conversa";

    public static IReadOnlyList<string> For(AssistantProfile profile, IEnumerable<IAgent> agents)
    {
        var present = agents.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        return [Default, .. AgentNames.Configurable.Where(a => a != AgentNames.Personal && profile.Enabled(a) && present.Contains(a))];
    }
}
