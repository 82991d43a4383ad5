namespace Conversa.Core.Language;

/// <summary>
/// One word, number or in-number separator of a message: <see cref="Text"/> is lowercase and accent-folded
/// ("Mañana" → "manana"), <see cref="Start"/>/<see cref="End"/> index the original text, and
/// <see cref="PunctuationBefore"/> is the last punctuation mark between this token and the previous one
/// (<c>','</c>, <c>'.'</c>, <c>'?'</c>...) or <c>'\0'</c> when there is none, so matchers can stop at clause ends.
/// </summary>
public readonly record struct TextToken(string Text, int Start, int End, char PunctuationBefore)
{
    public bool IsNumber => Text.Length > 0 && char.IsAsciiDigit(Text[0]);

    public bool IsWord => Text.Length > 0 && char.IsLetter(Text[0]);

    /// <summary>A separator inside a number (<c>15:30</c>, <c>5/12</c>, <c>1,5</c>): one of <c>: / . - ,</c>.</summary>
    public bool IsSeparator => Text.Length == 1 && !char.IsLetterOrDigit(Text[0]);

    public bool HasPunctuationBefore => PunctuationBefore != '\0';

    /// <summary>The value of a number token (digits only), or -1 for anything else or for one too long to be a count.</summary>
    public int Number
    {
        get
        {
            if (!IsNumber || Text.Length > 9)
            {
                return -1;
            }
            var value = 0;
            foreach (var c in Text)
            {
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}
