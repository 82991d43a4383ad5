using System.ComponentModel;
using System.Text.Json;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>
/// <c>search_products</c> for a chat model answering sales turns: the tenant's matching products and services with
/// their exact prices (as numbers and as the assistant writes them), stock and attributes, and for a product with a
/// page a short link, which is also recorded as the turn's <c>link</c> action.
/// </summary>
public sealed class SalesTools(AppDbContext db, TenantReadCache cache, ConversaOptions options, IHttpContextAccessor http) : IAgentTools
{
    private static readonly JsonSerializerOptions Json = new(AIJsonUtilities.DefaultOptions) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public IReadOnlyCollection<string> Agents { get; } = [AgentNames.Sales];

    public IEnumerable<AIFunction> Create(AgentTurn turn)
    {
        var catalog = new CatalogSearch(db, cache);
        var links = new ProductLinks(db, options, http);
        yield return AIFunctionFactory.Create(
            async ([Description("What the customer asks about: a product or service name, SKU, category or attribute, e.g. \"toyota rav4\" or \"faciales\".")] string query,
                CancellationToken cancellationToken) =>
            {
                var items = await catalog.LoadAsync(cancellationToken);
                var match = CatalogSearch.Match(items, SalesQuery.Terms(query));
                var results = new List<ProductToolResult>();
                foreach (var item in match.Items)
                {
                    string? link = null;
                    if (item is { IsProduct: true, Url: { } url })
                    {
                        link = await links.ShortUrlAsync(url, cancellationToken);
                        if (!turn.Effects.Actions.Any(a => a.Type == "link" && a.Data["url"]?.GetValue<string>() == link))
                        {
                            turn.Effects.Actions.Add(AgentAction.Of("link", ("url", link), ("product_id", item.Id.ToString())));
                        }
                    }
                    results.Add(new ProductToolResult(
                        item.Id, item.Kind, item.Name, item.Category, item.Price, item.Currency,
                        item.Price is { } price ? PriceText.Format(price, item.Currency, turn.Language) : null,
                        item.Stock, item.DurationMinutes, item.Attributes.ToJsonString(), link));
                }
                return new ProductSearchResult(match.Kind.ToString().ToLowerInvariant(), match.Total, match.Category, results);
            },
            "search_products",
            "Searches the business's catalog of products and bookable services by name, SKU, category or attributes " +
            "(an empty query lists some). Returns exact prices with their currency, stock, attributes and short links; " +
            "quote prices exactly as price_text gives them and never invent one that is not returned.",
            Json);
    }
}
