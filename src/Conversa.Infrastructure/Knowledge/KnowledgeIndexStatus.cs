namespace Conversa.Infrastructure.Knowledge;

/// <summary>
/// A tenant's index as health pages show it. <c>Status</c>: <c>empty</c> (no documents), <c>not_loaded</c>
/// (loads on the next search), <c>ready</c>, <c>rebuilt</c> (loading found an inconsistency and repaired it;
/// <c>Detail</c> says what) or <c>stale</c> (documents changed since it loaded; it reloads on the next search).
/// </summary>
public sealed record KnowledgeIndexStatus(
    string Status, int Chunks, int Documents, long Version, string EmbeddingProvider, string? EmbeddingModel, string? Detail, DateTime? LoadedAt);
