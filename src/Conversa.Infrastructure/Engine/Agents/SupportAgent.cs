using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Engine.Sales;
using Conversa.Infrastructure.Engine.Support;
using Conversa.Infrastructure.Knowledge;
using Conversa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;

namespace Conversa.Infrastructure.Engine.Agents;

/// <summary>
/// Questions about the business (hours, policies, aftercare…) and whatever nobody else understood: answered from the
/// tenant's knowledge base with the sentences that answer them and the passage cited ("Fuente: Precios > Botox"). With
/// nothing relevant, a knowledge question gets an honest "I don't have that" and the offer of a person. An unclassified
/// message the knowledge base cannot answer may still name something of the catalog ("¿qué tienen en faciales?"), which
/// sales' answer then gives when sales is enabled; else it gets the router's "I did not understand" and what the
/// assistant can do. Both no-answers count as no-match.
/// </summary>
public sealed class SupportAgent(AppDbContext db, TenantReadCache cache, KnowledgeBase knowledge, ConversaOptions options, IHttpContextAccessor http) : IAgent
{
    private static readonly Localized NotInKnowledge = new(
        "No encontré esa información en nuestra base de conocimiento, así que prefiero no adivinar.",
        "Não encontrei essa informação na nossa base de conhecimento, então prefiro não chutar.",
        "I couldn't find that in our knowledge base, so I'd rather not guess.");

    private static readonly Localized NotUnderstood = new(
        "Perdona, no entendí bien tu mensaje. ",
        "Desculpe, não entendi bem sua mensagem. ",
        "Sorry, I didn't quite understand your message. ");

    private readonly KnowledgeLookup _lookup = new(knowledge);
    private readonly CatalogAnswers _catalog = new(db, cache, options, http);

    public string Name => AgentNames.Support;

    public IReadOnlyCollection<string> Intents { get; } = [Core.Language.Intents.KnowledgeQuestion];

    public async Task<AgentReply> ReplyAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        if (PersonOffer.Answer(turn, Name) is { } answered)
        {
            return answered;
        }
        if (await _lookup.AnswerAsync(turn.Text, cancellationToken) is { } answer)
        {
            return new AgentReply(answer.Text(turn.Language))
            {
                Intent = turn.Intent ?? Core.Language.Intents.KnowledgeQuestion,
                Sources = answer.SourceRefs,
            };
        }
        if (turn.Intent is null)
        {
            if (turn.Profile.Enabled(AgentNames.Sales) &&
                (await _catalog.AnswerAsync(turn, overview: false, cancellationToken)).Reply is { } catalog)
            {
                return catalog with { Agent = AgentNames.Sales, Intent = Core.Language.Intents.ProductQuery };
            }
            return new AgentReply(turn.Say(NotUnderstood) + RouterAgent.Capabilities(turn)) { NoMatch = true };
        }
        return new AgentReply(turn.Say(NotInKnowledge) + " " + PersonOffer.Make(turn, Name)) { NoMatch = true };
    }
}
