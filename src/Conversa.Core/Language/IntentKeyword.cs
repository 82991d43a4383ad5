namespace Conversa.Core.Language;

/// <summary>
/// A phrase that signals an intent, in <see cref="PhraseMatcher{T}"/> syntax ("cancel*", "cuanto cuest*"), with how
/// much it alone says (0 to 1: 0.9 settles it, 0.4 only leans). <see cref="Language"/> is informative.
/// </summary>
public sealed record IntentKeyword(string Intent, string Phrase, double Weight = IntentKeyword.DefaultWeight, string? Language = null)
{
    public const double DefaultWeight = 0.7;
}
