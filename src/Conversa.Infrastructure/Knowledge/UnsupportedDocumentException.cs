namespace Conversa.Infrastructure.Knowledge;

/// <summary>The document's type cannot be read on this server (answered as 415 with the message as detail).</summary>
public sealed class UnsupportedDocumentException(string message) : Exception(message);
