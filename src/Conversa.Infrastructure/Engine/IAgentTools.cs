using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// Tools a configured chat model may call for a turn (<c>search_products</c>, <c>list_slots</c>, <c>create_task</c>…),
/// scoped to the turn's tenant and contact. The model only phrases what the tools returned: a tool returns the facts
/// (prices from the catalog, slots from availability) as plain data, and records what it did in
/// <see cref="AgentTurn.Effects"/> (sources cited, bookings made, handoff asked) so the reply carries them.
/// Implementations are found in this assembly and registered like agents.
/// </summary>
public interface IAgentTools
{
    /// <summary>The agents whose turns may use these tools (<see cref="AgentNames"/>).</summary>
    IReadOnlyCollection<string> Agents { get; }

    IEnumerable<AIFunction> Create(AgentTurn turn);
}
