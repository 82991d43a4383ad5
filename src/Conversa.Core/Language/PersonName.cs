namespace Conversa.Core.Language;

/// <summary>A name a customer gave for themselves, tidied to title case, and where it was written.</summary>
public sealed record PersonName(string Name, TextSpan Span);
