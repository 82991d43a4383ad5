namespace Conversa.Core.Knowledge;

/// <summary>A chunk before it is stored: its text and the path of headings above it ("Precios &gt; Botox").</summary>
public sealed record ChunkDraft(int Ordinal, string Text, string? Heading);
