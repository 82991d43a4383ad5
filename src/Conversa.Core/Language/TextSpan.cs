namespace Conversa.Core.Language;

/// <summary>Where something was found in the original message: a start index and a length in UTF-16 units.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public string Of(string text) => text.Substring(Start, Length);

    public static TextSpan Between(int start, int end) => new(start, end - start);
}
