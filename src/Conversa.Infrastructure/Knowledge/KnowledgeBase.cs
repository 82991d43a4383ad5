using Conversa.Core.Knowledge;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>
/// The scope tenant's knowledge base: stores documents as chunks with embeddings, keeps the tenant's index
/// state row in step in the same transaction, and answers searches from the in-memory index, which it
/// reloads whenever the database has moved on and repairs when it does not add up.
/// </summary>
public sealed class KnowledgeBase(
    AppDbContext db, TenantSecretStore secrets, EmbeddingModels models, KnowledgeIndexCache cache, KnowledgeOptions options,
    TimeProvider time, ILogger<KnowledgeBase> logger)
{
    private DocumentChunker Chunker => new(options.ChunkMaxChars, options.ChunkOverlapChars);

    public async Task<KnowledgeDocument> AddAsync(NewDocument input, CancellationToken cancellationToken)
    {
        var drafts = Chunker.Chunk(input.Blocks);
        var resolved = await models.ResolveAsync(db, secrets, cancellationToken);
        var document = new KnowledgeDocument
        {
            Title = input.Title,
            ContentType = input.ContentType,
            FileName = input.FileName,
            Content = DocumentBlocks.Format(input.Blocks),
            MetadataJson = input.MetadataJson,
            ChunkCount = drafts.Count,
            SizeBytes = input.SizeBytes,
        };
        var chunks = drafts.Select(d => new DocumentChunk { DocumentId = document.Id, Ordinal = d.Ordinal, Text = d.Text, Heading = d.Heading }).ToList();
        var usedFallback = await EmbedAsync(resolved.Model, document.Title, chunks, cancellationToken);
        document.Status = usedFallback ? DocumentStatus.IndexedWithFallback : DocumentStatus.Indexed;

        await InStateTransactionAsync(async () =>
        {
            db.Documents.Add(document);
            db.DocumentChunks.AddRange(chunks);
            await db.SaveChangesAsync(cancellationToken);
            await AdjustStateAsync(1, chunks.Count, KnowledgeChecksum.Of(chunks.Select(c => c.Text)), cancellationToken);
            return true;
        }, cancellationToken);
        cache.Invalidate(db.CurrentTenantId);
        return document;
    }

    public async Task<bool> DeleteAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var deleted = await InStateTransactionAsync(async () =>
        {
            var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
            if (document is null)
            {
                return false;
            }
            var texts = await db.DocumentChunks.Where(c => c.DocumentId == documentId).Select(c => c.Text).ToListAsync(cancellationToken);
            await db.DocumentChunks.Where(c => c.DocumentId == documentId).ExecuteDeleteAsync(cancellationToken);
            db.Documents.Remove(document);
            await db.SaveChangesAsync(cancellationToken);
            await AdjustStateAsync(-1, -texts.Count, -KnowledgeChecksum.Of(texts), cancellationToken);
            return true;
        }, cancellationToken);
        // The state row moved on in the same transaction, so every node reloads before its next search.
        cache.Invalidate(db.CurrentTenantId);
        return deleted;
    }

    /// <summary>Chunks every stored document again and embeds it with the tenant's current model.</summary>
    public async Task<KnowledgeIndexStatus> ReindexAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var gate = cache.LockFor(tenantId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var resolved = await models.ResolveAsync(db, secrets, cancellationToken);
            var documents = await db.Documents.ToListAsync(cancellationToken);
            var chunks = new List<DocumentChunk>();
            var fallbacks = 0;
            foreach (var document in documents)
            {
                var drafts = Chunker.Chunk(DocumentBlocks.Parse(document.Content));
                var documentChunks = drafts.Select(d => new DocumentChunk { DocumentId = document.Id, Ordinal = d.Ordinal, Text = d.Text, Heading = d.Heading }).ToList();
                var usedFallback = await EmbedAsync(resolved.Model, document.Title, documentChunks, cancellationToken);
                fallbacks += usedFallback ? 1 : 0;
                document.Status = usedFallback ? DocumentStatus.IndexedWithFallback : DocumentStatus.Indexed;
                document.ChunkCount = documentChunks.Count;
                chunks.AddRange(documentChunks);
            }
            await InStateTransactionAsync(async () =>
            {
                await db.DocumentChunks.ExecuteDeleteAsync(cancellationToken);
                db.Documents.UpdateRange(documents);
                db.DocumentChunks.AddRange(chunks);
                await db.SaveChangesAsync(cancellationToken);
                await SetStateAsync(documents.Count, chunks.Count, KnowledgeChecksum.Of(chunks.Select(c => c.Text)), cancellationToken);
                return true;
            }, cancellationToken);
            cache.Invalidate(tenantId);
            var detail = $"reindexed on request: {documents.Count} documents, {chunks.Count} chunks" +
                         (fallbacks > 0 ? $"; {resolved.Model.Provider} failed for {fallbacks} documents, built-in embeddings used" : "");
            var loaded = await LoadAsync(resolved, "rebuilt", detail, cancellationToken);
            return Describe(loaded);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<(List<SearchHit> Hits, CachedKnowledgeIndex Index)> SearchAsync(string query, int topK, CancellationToken cancellationToken)
    {
        var index = await IndexAsync(cancellationToken);
        if (index.Index.Count == 0)
        {
            return ([], index);
        }
        float[] vector = [];
        try
        {
            var embeddings = await index.Model.Model.GenerateAsync([query], cancellationToken: cancellationToken);
            vector = embeddings[0].Vector.ToArray();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Keyword search still answers while the embedding provider is down.
            logger.LogWarning(e, "Embedding the query with {Model} failed; searching by keywords only", index.Model.Model.ModelId);
        }
        return (index.Index.Search(query, vector, topK, index.Model.Model.MinSimilarity), index);
    }

    /// <summary>The tenant's index, loaded or reloaded when the database version or the configured model moved on.</summary>
    public async Task<CachedKnowledgeIndex> IndexAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var resolved = await models.ResolveAsync(db, secrets, cancellationToken);
        var version = await CurrentVersionAsync(cancellationToken);
        if (cache.Get(tenantId) is { } cached && cached.Version == version && cached.ConfiguredModelId == resolved.Model.ModelId)
        {
            return cached;
        }
        var gate = cache.LockFor(tenantId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            version = await CurrentVersionAsync(cancellationToken);
            if (cache.Get(tenantId) is { } loaded && loaded.Version == version && loaded.ConfiguredModelId == resolved.Model.ModelId)
            {
                return loaded;
            }
            return await LoadAsync(resolved, "ready", null, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What health pages show, without loading the index.</summary>
    public async Task<KnowledgeIndexStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var state = await db.KnowledgeIndexStates.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var documents = await db.Documents.CountAsync(cancellationToken);
        var cached = cache.Peek(db.CurrentTenantId);
        if (cached is not null)
        {
            var described = Describe(cached);
            return cached.Version == (state?.Version ?? 0) ? described : described with { Status = "stale", Documents = documents, Version = state?.Version ?? 0 };
        }
        var resolved = await models.ResolveAsync(db, secrets, cancellationToken);
        return new KnowledgeIndexStatus(
            documents == 0 ? "empty" : "not_loaded", state?.ChunkCount ?? 0, documents, state?.Version ?? 0,
            resolved.Description, resolved.Model.ModelId, null, null);
    }

    public static KnowledgeIndexStatus Describe(CachedKnowledgeIndex index) => new(
        index.Index.Count == 0 && index.Status == "ready" ? "empty" : index.Status,
        index.Index.Count, index.Documents, index.Version, index.Model.Description, index.Model.Model.ModelId, index.Detail, index.LoadedAt);

    private async Task<long> CurrentVersionAsync(CancellationToken cancellationToken) =>
        await db.KnowledgeIndexStates.AsNoTracking().Select(s => (long?)s.Version).FirstOrDefaultAsync(cancellationToken) ?? 0;

    /// <summary>
    /// Loads every chunk of the tenant, checks it against the state row (count and checksum) and re-embeds
    /// chunks whose vectors come from another model. Anything found wrong is repaired and reported as
    /// <c>rebuilt</c> with the reason, so a broken index heals itself instead of answering wrongly.
    /// </summary>
    private async Task<CachedKnowledgeIndex> LoadAsync(ResolvedEmbeddingModel resolved, string status, string? detail, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var problems = new List<string>();
        var titles = await db.Documents.AsNoTracking().Select(d => new { d.Id, d.Title }).ToDictionaryAsync(d => d.Id, d => d.Title, cancellationToken);
        var chunks = await db.DocumentChunks.AsNoTracking().OrderBy(c => c.DocumentId).ThenBy(c => c.Ordinal).ToListAsync(cancellationToken);
        var state = await db.KnowledgeIndexStates.FirstOrDefaultAsync(cancellationToken);
        var checksum = KnowledgeChecksum.Of(chunks.Select(c => c.Text));
        if (state is null && chunks.Count > 0)
        {
            problems.Add("the index state was missing");
        }
        else if (state is not null && (state.ChunkCount != chunks.Count || state.Checksum != checksum || state.DocumentCount != titles.Count))
        {
            problems.Add($"the index state did not match the database (state: {state.DocumentCount} documents, {state.ChunkCount} chunks; " +
                         $"database: {titles.Count} documents, {chunks.Count} chunks{(state.Checksum != checksum ? ", checksum differs" : "")})");
        }

        var effective = resolved;
        var stale = chunks.Where(c => c.EmbeddingModel != resolved.Model.ModelId || c.Embedding.Length == 0).ToList();
        if (stale.Count > 0)
        {
            try
            {
                await EmbedWithAsync(resolved.Model, stale, titles, cancellationToken);
                foreach (var chunk in stale)
                {
                    var tracked = db.DocumentChunks.Attach(chunk);
                    tracked.Property(c => c.Embedding).IsModified = true;
                    tracked.Property(c => c.EmbeddingModel).IsModified = true;
                }
                problems.Add($"{stale.Count} chunks re-embedded with {resolved.Model.ModelId}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Re-embedding {Count} chunks with {Model} failed; the index uses built-in embeddings", stale.Count, resolved.Model.ModelId);
                effective = new ResolvedEmbeddingModel(models.Builtin, $"{resolved.Model.Provider} embeddings failed: {e.Message}");
            }
        }
        if (problems.Count > 0)
        {
            if (state is null)
            {
                db.KnowledgeIndexStates.Add(state = new KnowledgeIndexState());
            }
            state.Version++;
            state.DocumentCount = titles.Count;
            state.ChunkCount = chunks.Count;
            state.Checksum = checksum;
            state.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            status = "rebuilt";
            detail = string.Join("; ", detail is null ? problems : [detail, .. problems]);
            logger.LogWarning("Knowledge index of tenant {TenantId} rebuilt: {Detail}", tenantId, detail);
        }
        db.ChangeTracker.Clear();

        float[][]? fallbackVectors = null;
        if (effective.Model != resolved.Model)
        {
            var generated = await models.Builtin.GenerateAsync(
                chunks.Select(c => KnowledgeIndex.IndexText(titles.GetValueOrDefault(c.DocumentId, ""), c.Heading, c.Text)), cancellationToken: cancellationToken);
            fallbackVectors = generated.Select(g => g.Vector.ToArray()).ToArray();
        }
        var indexed = chunks.Select((c, i) => new IndexedChunk(
            c.Id, c.DocumentId, titles.GetValueOrDefault(c.DocumentId, ""), c.Heading, c.Text,
            fallbackVectors?[i] ?? VectorBytes.ToFloats(c.Embedding))).ToList();
        var dimensions = indexed.GroupBy(c => c.Vector.Length).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        var entry = new CachedKnowledgeIndex(
            tenantId, state?.Version ?? 0, titles.Count, KnowledgeIndex.Build(indexed, dimensions), resolved.Model.ModelId, effective,
            status, detail ?? effective.FallbackReason, time.GetUtcNow().UtcDateTime);
        cache.Put(entry);
        return entry;
    }

    /// <summary>Embeds chunks with the model, or with the built-in one when it fails (returns true then).</summary>
    private async Task<bool> EmbedAsync(IEmbeddingModel model, string title, List<DocumentChunk> chunks, CancellationToken cancellationToken)
    {
        var titles = chunks.Select(c => c.DocumentId).Distinct().ToDictionary(id => id, _ => title);
        try
        {
            await EmbedWithAsync(model, chunks, titles, cancellationToken);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException && model != models.Builtin)
        {
            logger.LogWarning(e, "Embedding with {Model} failed; using built-in embeddings", model.ModelId);
            await EmbedWithAsync(models.Builtin, chunks, titles, cancellationToken);
            return true;
        }
    }

    private static async Task EmbedWithAsync(IEmbeddingModel model, List<DocumentChunk> chunks, Dictionary<Guid, string> titles, CancellationToken cancellationToken)
    {
        if (chunks.Count == 0)
        {
            return;
        }
        var embeddings = await model.GenerateAsync(
            chunks.Select(c => KnowledgeIndex.IndexText(titles.GetValueOrDefault(c.DocumentId, ""), c.Heading, c.Text)), cancellationToken: cancellationToken);
        for (var i = 0; i < chunks.Count; i++)
        {
            chunks[i].Embedding = VectorBytes.FromFloats(embeddings[i].Vector.Span);
            chunks[i].EmbeddingModel = model.ModelId;
        }
    }

    /// <summary>
    /// Runs a change and its state-row update in one transaction. The tenant's first change creates the state
    /// row; when two first changes race, the loser's insert hits the unique index, so it rolls back and runs
    /// again, now finding the row to update.
    /// </summary>
    private async Task<T> InStateTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await work();
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                logger.LogDebug("Index state of tenant {TenantId} was created concurrently; retrying the change", db.CurrentTenantId);
            }
        }
    }

    /// <summary>Moves the state row by a document change, in SQL so concurrent changes add up instead of overwriting.</summary>
    private async Task AdjustStateAsync(int documents, int chunks, long checksum, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var updated = await db.KnowledgeIndexStates.ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Version, x => x.Version + 1)
            .SetProperty(x => x.DocumentCount, x => x.DocumentCount + documents)
            .SetProperty(x => x.ChunkCount, x => x.ChunkCount + chunks)
            .SetProperty(x => x.Checksum, x => x.Checksum + checksum)
            .SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (updated == 0)
        {
            // The tenant's first change: the row does not exist yet. (Rows stored before it count in.)
            var allTexts = await db.DocumentChunks.Select(c => c.Text).ToListAsync(cancellationToken);
            db.KnowledgeIndexStates.Add(new KnowledgeIndexState
            {
                Version = 1,
                DocumentCount = await db.Documents.CountAsync(cancellationToken),
                ChunkCount = allTexts.Count,
                Checksum = KnowledgeChecksum.Of(allTexts),
                UpdatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task SetStateAsync(int documents, int chunks, long checksum, CancellationToken cancellationToken)
    {
        var state = await db.KnowledgeIndexStates.FirstOrDefaultAsync(cancellationToken);
        if (state is null)
        {
            db.KnowledgeIndexStates.Add(state = new KnowledgeIndexState());
        }
        state.Version++;
        state.DocumentCount = documents;
        state.ChunkCount = chunks;
        state.Checksum = checksum;
        state.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
