using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Knowledge;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Knowledge;

/// <summary>The knowledge base (API.md "Knowledge base (RAG)"): every role reads and searches; owners and admins change it.</summary>
public static class KnowledgeEndpoints
{
    public static void MapKnowledgeEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/documents").WithTags("Knowledge base");
        documents.MapGet("", List).RequireTenant();
        documents.MapGet("/{id:guid}", Get).RequireTenant();
        documents.MapPost("", Create).RequireTenantManager().DisableAntiforgery();
        documents.MapDelete("/{id:guid}", Delete).RequireTenantManager();
        documents.MapPost("/search", Search).RequireTenant();
        documents.MapPost("/reindex", Reindex).RequireTenantManager();
    }

    private static Task<IResult> List(AppDbContext db, int? limit, string? cursor, CancellationToken cancellationToken) =>
        db.Documents.AsNoTracking().OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id)
            .ToPageAsync(limit, cursor, DocumentItem.From, cancellationToken);

    private static async Task<IResult> Get(Guid id, AppDbContext db, CancellationToken cancellationToken)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return document is null ? Problems.NotFound("No such document.") : TypedResults.Ok(DocumentDetail.From(document));
    }

    /// <summary>JSON text or a multipart file; the body is read here because one route takes both.</summary>
    private static async Task<IResult> Create(HttpContext http, KnowledgeBase knowledge, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var (document, problem) = http.Request.HasFormContentType
            ? await ReadUploadAsync(http.Request, cancellationToken)
            : http.Request.HasJsonContentType()
                ? await ReadJsonAsync(http.Request, cancellationToken)
                : (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                    "Send the document as application/json {content, content_type?, title?, metadata?} or as multipart/form-data with a 'file'.",
                    "unsupported-media-type"));
        if (problem is not null)
        {
            return problem;
        }
        var stored = await knowledge.AddAsync(document!, cancellationToken);
        audit.Record("document.created", stored.TenantId, stored.Id.ToString(), new { title = stored.Title, chunks = stored.ChunkCount });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/documents/{stored.Id}", new CreatedDocument(stored.Id, stored.Title, stored.ChunkCount, stored.Status));
    }

    private static async Task<(NewDocument?, IResult?)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        CreateDocumentRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<CreateDocumentRequest>(JsonDefaults.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest("The body is not valid JSON: " + e.Message));
        }
        if (body is null)
        {
            return (null, Problems.BadRequest("A JSON body is required."));
        }
        var errors = new ValidationErrors();
        body.Validate(errors);
        if (errors.Any)
        {
            return (null, Problems.Validation(errors.ToDictionary()));
        }
        var contentType = body.ContentType ?? DocumentTextExtractor.PlainText;
        var extracted = DocumentTextExtractor.FromText(contentType, body.Content!);
        return Prepare(extracted, body.Title, null, body.Metadata?.ToJsonString() ?? "{}", System.Text.Encoding.UTF8.GetByteCount(body.Content!));
    }

    private static async Task<(NewDocument?, IResult?)> ReadUploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return (null, Problems.Validation("file", "Upload the document as a multipart field named 'file'."));
        }
        if (file.Length == 0)
        {
            return (null, Problems.Validation("file", "The uploaded file is empty."));
        }
        var contentType = DocumentTextExtractor.TypeOf(file.FileName, file.ContentType);
        if (contentType is null)
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"'{file.FileName}' ({file.ContentType}) is not a supported document; upload one of: {DocumentTextExtractor.SupportedUploads}.",
                "unsupported-media-type"));
        }
        var metadata = "{}";
        if (form.TryGetValue("metadata", out var metadataField) && !string.IsNullOrWhiteSpace(metadataField))
        {
            try
            {
                if (JsonNode.Parse(metadataField.ToString()) is not JsonObject parsed)
                {
                    return (null, Problems.Validation("metadata", "metadata must be a JSON object."));
                }
                metadata = parsed.ToJsonString();
            }
            catch (JsonException)
            {
                return (null, Problems.Validation("metadata", "metadata must be a JSON object."));
            }
        }
        var title = form.TryGetValue("title", out var titleField) && !string.IsNullOrWhiteSpace(titleField) ? titleField.ToString() : null;
        if (title?.Length > 300)
        {
            return (null, Problems.Validation("title", "title must be at most 300 characters."));
        }
        using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        await file.CopyToAsync(buffer, cancellationToken);
        ExtractedDocument extracted;
        try
        {
            extracted = await DocumentTextExtractor.FromFileAsync(contentType, buffer.ToArray(), cancellationToken);
        }
        catch (UnsupportedDocumentException e)
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", e.Message, "unsupported-media-type"));
        }
        catch (UnreadableDocumentException e)
        {
            return (null, Problems.Unprocessable(e.Message));
        }
        return Prepare(extracted, title, Path.GetFileName(file.FileName), metadata, file.Length);
    }

    private static (NewDocument?, IResult?) Prepare(ExtractedDocument extracted, string? title, string? fileName, string metadata, long size)
    {
        if (extracted.Blocks.Count == 0 || extracted.Blocks.All(b => b.IsHeading))
        {
            return (null, Problems.Validation("content", "The document has no text to index."));
        }
        var name = string.IsNullOrWhiteSpace(title) ? extracted.DeriveTitle(fileName) : title.Trim();
        return (new NewDocument(name, extracted.ContentType, fileName, extracted.Blocks, metadata, size), null);
    }

    private static async Task<IResult> Delete(Guid id, HttpContext http, KnowledgeBase knowledge, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!await knowledge.DeleteAsync(id, cancellationToken))
        {
            return Problems.NotFound("No such document.");
        }
        audit.Record("document.deleted", http.Tenant().TenantId, id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Search(SearchRequest request, KnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        var query = request.Query!.Trim();
        var (hits, _) = await knowledge.SearchAsync(query, request.TopK ?? SearchRequest.DefaultTopK, cancellationToken);
        var results = hits.Select(h => new SearchResult(
            h.Chunk.DocumentId, h.Chunk.Title, h.Chunk.ChunkId, h.Chunk.Text, Math.Round(h.Score, 4), h.Chunk.Heading)).ToList();
        return TypedResults.Ok(new SearchResponse(query, results.Count, results));
    }

    private static async Task<IResult> Reindex(HttpContext http, KnowledgeBase knowledge, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var status = await knowledge.ReindexAsync(cancellationToken);
        audit.Record("knowledge.reindexed", http.Tenant().TenantId, null, new { status.Documents, status.Chunks, status.EmbeddingProvider });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(status);
    }
}
