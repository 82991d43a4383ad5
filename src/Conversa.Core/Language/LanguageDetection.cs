namespace Conversa.Core.Language;

/// <summary>
/// The language a message is answered in. <see cref="Confidence"/> is 0 to 1; when the message gave too little
/// evidence (<see cref="IsFallback"/>) <see cref="Language"/> is the fallback the caller passed (the conversation's
/// or the tenant's language) and <see cref="Guess"/> says what the evidence leaned to, if anything.
/// </summary>
public sealed record LanguageDetection(string Language, double Confidence, bool IsFallback, string? Guess);
