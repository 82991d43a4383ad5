using Conversa.Core.Knowledge;

namespace Conversa.Infrastructure.Knowledge;

/// <summary>The text of an uploaded or posted document as blocks, the media type it was read as, and a title if it names one.</summary>
public sealed record ExtractedDocument(string ContentType, string? Title, List<DocumentBlock> Blocks)
{
    /// <summary>The document's own title, else its first heading, else the file name, else its first line.</summary>
    public string DeriveTitle(string? fileName)
    {
        if (!string.IsNullOrWhiteSpace(Title))
        {
            return Shorten(Title);
        }
        if (Blocks.FirstOrDefault(b => b.IsHeading) is { } heading)
        {
            return Shorten(heading.Text);
        }
        if (!string.IsNullOrWhiteSpace(fileName) && Path.GetFileNameWithoutExtension(fileName) is { Length: > 0 } name)
        {
            return Shorten(name);
        }
        var firstLine = Blocks.FirstOrDefault()?.Text.Split('\n')[0] ?? "Untitled";
        return Shorten(firstLine);
    }

    private static string Shorten(string text)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 200 ? text : text[..197].TrimEnd() + "...";
    }
}
