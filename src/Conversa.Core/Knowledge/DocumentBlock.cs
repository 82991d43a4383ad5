namespace Conversa.Core.Knowledge;

/// <summary>A heading (level 1..6) or a paragraph (level 0) of extracted text, in document order.</summary>
public sealed record DocumentBlock(int HeadingLevel, string Text)
{
    public bool IsHeading => HeadingLevel > 0;

    public static DocumentBlock Heading(int level, string text) => new(Math.Clamp(level, 1, 6), text);

    public static DocumentBlock Paragraph(string text) => new(0, text);
}
