using System.Text.Json.Nodes;
using Conversa.Core.Knowledge;

namespace Conversa.Api.Features.Knowledge;

public sealed record CreatedDocument(Guid Id, string Title, int Chunks, DocumentStatus Status);

public sealed record DocumentItem(
    Guid Id, string Title, string ContentType, string? FileName, int Chunks, DocumentStatus Status, long SizeBytes,
    JsonNode? Metadata, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static DocumentItem From(KnowledgeDocument d) =>
        new(d.Id, d.Title, d.ContentType, d.FileName, d.ChunkCount, d.Status, d.SizeBytes, JsonNode.Parse(d.MetadataJson), d.CreatedAt, d.UpdatedAt);
}

public sealed record DocumentDetail(
    Guid Id, string Title, string ContentType, string? FileName, int Chunks, DocumentStatus Status, long SizeBytes,
    JsonNode? Metadata, string Content, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static DocumentDetail From(KnowledgeDocument d) =>
        new(d.Id, d.Title, d.ContentType, d.FileName, d.ChunkCount, d.Status, d.SizeBytes, JsonNode.Parse(d.MetadataJson), d.Content, d.CreatedAt, d.UpdatedAt);
}

public sealed record SearchResult(Guid DocumentId, string Title, Guid ChunkId, string Text, double Score, string? Heading);

public sealed record SearchResponse(string Query, int ResultsCount, List<SearchResult> Results);
