using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;

namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>
/// A message answered from the catalog, when the catalog has something to say about it: the item (with its short
/// link as a <c>link</c> action), the list or the category. Shared by the sales agent and by support, which is sent
/// unclassified messages ("¿qué tienen en faciales?" leans on too few words for the classifier).
/// </summary>
public sealed class CatalogAnswers(AppDbContext db, TenantReadCache cache, ConversaOptions options, IHttpContextAccessor http)
{
    private readonly CatalogSearch _catalog = new(db, cache);
    private readonly ProductLinks _links = new(db, options, http);

    /// <summary><see cref="Reply"/> is null when nothing matched (or, unless <c>overview</c> is allowed, nothing in particular was asked).</summary>
    public sealed record Result(AgentReply? Reply, IReadOnlyList<string> Terms, bool EmptyCatalog);

    public async Task<Result> AnswerAsync(AgentTurn turn, bool overview, CancellationToken cancellationToken)
    {
        var items = await _catalog.LoadAsync(cancellationToken);
        var terms = SalesQuery.Terms(turn.Text);
        var match = CatalogSearch.Match(items, terms);
        var language = turn.Language;
        AgentReply? reply = match.Kind switch
        {
            CatalogMatchKind.Several => new AgentReply(SalesReplies.Several(match, language)),
            CatalogMatchKind.Category => new AgentReply(SalesReplies.Category(match, language)),
            CatalogMatchKind.Overview when overview => new AgentReply(SalesReplies.Overview(match, language)),
            _ => null,
        };
        if (match.Kind == CatalogMatchKind.One)
        {
            var item = match.Items[0];
            var link = item is { IsProduct: true, Url: { } url } ? await _links.ShortUrlAsync(url, cancellationToken) : null;
            reply = new AgentReply(SalesReplies.One(item, match.SimilarItems, link, language))
            {
                Actions = link is null ? [] : [AgentAction.Of("link", ("url", link), ("product_id", item.Id.ToString()))],
            };
        }
        return new Result(reply, terms, items.Count == 0);
    }
}
