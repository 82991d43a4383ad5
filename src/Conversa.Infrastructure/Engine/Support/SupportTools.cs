using System.ComponentModel;
using System.Text.Json;
using Conversa.Infrastructure.Knowledge;
using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Engine.Support;

/// <summary>
/// <c>search_knowledge</c> for a chat model answering support or sales turns: the relevant passages of the tenant's
/// knowledge base with their titles and heading paths. Each passage returned is recorded as a source of the turn, so
/// the reply cites what the model was given.
/// </summary>
public sealed class SupportTools(KnowledgeBase knowledge) : IAgentTools
{
    public const int MaxPassages = 5;

    private static readonly JsonSerializerOptions Json = new(AIJsonUtilities.DefaultOptions) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public IReadOnlyCollection<string> Agents { get; } = [AgentNames.Support, AgentNames.Sales];

    public IEnumerable<AIFunction> Create(AgentTurn turn)
    {
        var lookup = new KnowledgeLookup(knowledge);
        yield return AIFunctionFactory.Create(
            async ([Description("The customer's question, in their words.")] string query, CancellationToken cancellationToken) =>
            {
                var passages = await lookup.SearchAsync(query, MaxPassages, cancellationToken);
                foreach (var passage in passages.Where(p => !turn.Effects.Sources.Contains(p.Source)))
                {
                    turn.Effects.Sources.Add(passage.Source);
                }
                return passages.Select(p => new KnowledgeToolResult(p.Chunk.DocumentId, p.Chunk.Title, p.Chunk.Heading, p.Chunk.Text)).ToList();
            },
            "search_knowledge",
            "Searches the business's knowledge base (hours, policies, prices, aftercare, FAQs). Returns the relevant passages " +
            "with their document title and heading; answer only from them and say so when nothing relevant is returned.",
            Json);
    }
}
