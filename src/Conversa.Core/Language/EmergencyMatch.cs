namespace Conversa.Core.Language;

/// <summary>An emergency keyword found in a message, and where.</summary>
public sealed record EmergencyMatch(EmergencyKeyword Keyword, TextSpan Span);
