namespace Conversa.Core.Language;

/// <summary>A phrase found in a message: what it stands for, the tokens it covers (inclusive) and where it is.</summary>
public readonly record struct PhraseHit<T>(T Value, int FirstToken, int LastToken, TextSpan Span)
{
    public int TokenCount => LastToken - FirstToken + 1;
}
