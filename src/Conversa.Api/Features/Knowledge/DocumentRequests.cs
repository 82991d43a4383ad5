using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Infrastructure.Knowledge;

namespace Conversa.Api.Features.Knowledge;

/// <summary>The JSON form of <c>POST /api/documents</c>.</summary>
public sealed record CreateDocumentRequest(string? Title, string? Content, string? ContentType, JsonNode? Metadata) : IValidatable
{
    public static readonly IReadOnlyList<string> ContentTypes = [DocumentTextExtractor.PlainText, DocumentTextExtractor.Markdown, DocumentTextExtractor.Html];

    public void Validate(ValidationErrors errors)
    {
        errors.Required("content", Content);
        errors.When(ContentType is not null && !ContentTypes.Contains(ContentType), "content_type",
            "content_type must be text/plain, text/markdown or text/html.");
        errors.When(Title?.Length > 300, "title", "title must be at most 300 characters.");
        errors.When(Metadata is not (null or JsonObject), "metadata", "metadata must be a JSON object.");
    }
}

public sealed record SearchRequest(string? Query, int? TopK) : IValidatable
{
    public const int DefaultTopK = 5;
    public const int MaxTopK = 50;

    public void Validate(ValidationErrors errors)
    {
        errors.Required("query", Query);
        errors.When(Query?.Length > 2000, "query", "query must be at most 2000 characters.");
        errors.When(TopK is < 1 or > MaxTopK, "top_k", $"top_k must be between 1 and {MaxTopK}.");
    }
}
