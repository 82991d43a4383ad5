namespace Conversa.Infrastructure.Knowledge;

/// <summary>The document claims a supported type but its bytes cannot be read (answered as 422).</summary>
public sealed class UnreadableDocumentException(string message, Exception? inner = null) : Exception(message, inner);
