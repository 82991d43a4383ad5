namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>What <c>search_products</c> returns: how the question matched (one, several, category, overview, none), how many in all, and the items.</summary>
public sealed record ProductSearchResult(string Match, int Total, string? Category, IReadOnlyList<ProductToolResult> Items);
