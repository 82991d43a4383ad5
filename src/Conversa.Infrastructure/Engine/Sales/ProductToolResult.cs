namespace Conversa.Infrastructure.Engine.Sales;

/// <summary>One product or service as <c>search_products</c> returns it to a model; <see cref="Price"/> is null when none is published.</summary>
public sealed record ProductToolResult(
    Guid Id, string Kind, string Name, string? Category, decimal? Price, string Currency, string? PriceText, int? Stock,
    int? DurationMinutes, string Attributes, string? Link);
