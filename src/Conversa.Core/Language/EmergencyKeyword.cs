namespace Conversa.Core.Language;

/// <summary>
/// A phrase that means a customer may be in danger, in <see cref="PhraseMatcher{T}"/> syntax ("dolor* pecho",
/// "sangrad*"). Tenants and sector templates add their own; <see cref="Language"/> is informative (phrases of every
/// language are always checked, since a frightened customer may not write in the tenant's language).
/// </summary>
public sealed record EmergencyKeyword(string Phrase, string Language, string Category);
