using Conversa.Core.Knowledge;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>A document ready to be stored: extracted blocks plus what the client told about it.</summary>
public sealed record NewDocument(string Title, string ContentType, string? FileName, IReadOnlyList<DocumentBlock> Blocks, string MetadataJson, long SizeBytes);
