using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Engine.Sales;
using Conversa.Infrastructure.Engine.Support;
using Conversa.Infrastructure.Knowledge;
using Conversa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;

namespace Conversa.Infrastructure.Engine.Agents;

/// <summary>
/// Prices and products: finds what the customer asks about among the tenant's products and bookable services and
/// answers with the catalog's exact price and currency, stock, attributes, similar products and a tagged short link
/// to the product's page (also an action: <c>{type: "link", url, product_id}</c>); a category question or several
/// equal matches get a list. What the catalog does not hold may still be in the knowledge base ("¿cuánto cuesta la
/// mesoterapia?" at a clinic that only wrote its prices down); with nothing anywhere it says so and offers a person.
/// </summary>
public sealed class SalesAgent(AppDbContext db, TenantReadCache cache, KnowledgeBase knowledge, ConversaOptions options, IHttpContextAccessor http) : IAgent
{
    private readonly CatalogAnswers _catalog = new(db, cache, options, http);
    private readonly KnowledgeLookup _knowledge = new(knowledge);

    public string Name => AgentNames.Sales;

    public IReadOnlyCollection<string> Intents { get; } = [Core.Language.Intents.ProductQuery, Core.Language.Intents.Price];

    public async Task<AgentReply> ReplyAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        if (PersonOffer.Answer(turn, Name) is { } answered)
        {
            return answered;
        }
        var catalog = await _catalog.AnswerAsync(turn, overview: true, cancellationToken);
        if (catalog.Reply is { } reply)
        {
            return reply;
        }
        if (await _knowledge.AnswerAsync(turn.Text, cancellationToken) is { } answer)
        {
            return new AgentReply(answer.Text(turn.Language)) { Sources = answer.SourceRefs };
        }
        return new AgentReply(SalesReplies.NotInCatalog(catalog.Terms, catalog.EmptyCatalog, turn.Language) + " " + PersonOffer.Make(turn, Name))
        {
            NoMatch = true,
        };
    }
}
