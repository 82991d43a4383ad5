using System.Text;

namespace Conversa.Core.Knowledge;

/// <summary>
/// How a document's blocks are stored: Markdown-like text, headings as <c>#</c> lines and paragraphs separated
/// by blank lines, so the stored content is readable and can be chunked again on reindex.
/// </summary>
public static class DocumentBlocks
{
    public static string Format(IEnumerable<DocumentBlock> blocks)
    {
        var builder = new StringBuilder();
        foreach (var block in blocks)
        {
            if (builder.Length > 0)
            {
                builder.Append("\n\n");
            }
            if (block.IsHeading)
            {
                builder.Append('#', block.HeadingLevel).Append(' ').Append(OneLine(block.Text));
            }
            else
            {
                // A paragraph that starts with '#' must not read back as a heading.
                builder.Append(block.Text.StartsWith('#') ? "\\" + block.Text : block.Text);
            }
        }
        return builder.ToString();
    }

    public static List<DocumentBlock> Parse(string content)
    {
        var blocks = new List<DocumentBlock>();
        foreach (var part in content.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            var text = part.Trim('\n');
            if (text.Trim().Length == 0)
            {
                continue;
            }
            var level = 0;
            while (level < text.Length && level < 7 && text[level] == '#')
            {
                level++;
            }
            if (level is >= 1 and <= 6 && level < text.Length && text[level] == ' ' && !text.Contains('\n', StringComparison.Ordinal))
            {
                blocks.Add(DocumentBlock.Heading(level, text[(level + 1)..].Trim()));
            }
            else
            {
                blocks.Add(DocumentBlock.Paragraph(text.StartsWith("\\#", StringComparison.Ordinal) ? text[1..] : text));
            }
        }
        return blocks;
    }

    /// <summary>Plain text: blank lines separate paragraphs, single newlines stay inside them.</summary>
    public static List<DocumentBlock> FromPlainText(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n")
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .Select(DocumentBlock.Paragraph)
            .ToList();

    private static string OneLine(string text) => string.Join(' ', text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
