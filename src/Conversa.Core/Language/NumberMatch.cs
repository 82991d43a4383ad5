namespace Conversa.Core.Language;

/// <summary>
/// A number in a message ("2", "1.500", "2,5", "tres", "una docena") and, when a word follows it that is not a
/// function word, that word as written ("2 <u>sesiones</u>", "3 <u>cremas</u>"): a quantity of something.
/// </summary>
public sealed record NumberMatch(decimal Value, string? Unit, TextSpan Span);
