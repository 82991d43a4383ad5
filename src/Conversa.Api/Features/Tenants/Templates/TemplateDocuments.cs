using System.Text;
using System.Text.Json.Nodes;
using Conversa.Infrastructure.Knowledge;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Tenants.Templates;

/// <summary>Adds a template's sample documents to the scope tenant's knowledge base, marked <c>{"sample": true}</c>.</summary>
public static class TemplateDocuments
{
    /// <summary>Adds the documents in the tenant's language whose title the knowledge base does not have yet; answers how many.</summary>
    public static async Task<int> AddAsync(
        SectorTemplate template, string language, KnowledgeBase knowledge, AppDbContext db, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var document in template.DocumentsIn(language))
        {
            if (await db.Documents.AnyAsync(d => d.Title == document.Title, cancellationToken))
            {
                continue;
            }
            var extracted = DocumentTextExtractor.FromText(DocumentTextExtractor.Markdown, document.Markdown);
            var metadata = new JsonObject { ["sample"] = true, ["template"] = template.Sector }.ToJsonString();
            await knowledge.AddAsync(
                new NewDocument(document.Title, extracted.ContentType, $"{template.Sector}.{language}.md", extracted.Blocks, metadata,
                    Encoding.UTF8.GetByteCount(document.Markdown)),
                cancellationToken);
            added++;
        }
        return added;
    }
}
