namespace Conversa.Core.Language;

/// <summary>
/// A phone number in a message: as written, its digits, and its E.164 form when the customer wrote it
/// internationally ("+57 300 123 4567", "0034 600..."); a local number ("300 123 4567") has no E.164 form
/// here, since its country is the channel's to say.
/// </summary>
public sealed record PhoneMatch(string Raw, string Digits, string? International, TextSpan Span);
