namespace Conversa.Core.Language;

/// <summary>An e-mail address in a message, with its domain lowercased, and where it was written.</summary>
public sealed record EmailMatch(string Address, TextSpan Span);
