using System.Text;

namespace Conversa.Core.Knowledge;

/// <summary>
/// Splits a document into passages: never across headings, paragraphs kept whole while they fit, bounded
/// in size, and each chunk after the first in a section starting with the tail of the previous one, so a
/// fact cut at a boundary is still found whole in one of the two.
/// </summary>
public sealed class DocumentChunker(int maxChars = 900, int overlapChars = 150)
{
    public int MaxChars { get; } = maxChars;
    public int OverlapChars { get; } = overlapChars;

    public List<ChunkDraft> Chunk(IReadOnlyList<DocumentBlock> blocks)
    {
        var chunks = new List<ChunkDraft>();
        var headings = new List<(int Level, string Text)>();
        var current = new StringBuilder();
        var carried = 0; // length of the overlap at the start of current

        void Flush(bool keepOverlap)
        {
            if (current.Length <= carried)
            {
                // Only the overlap of the previous chunk: nothing new to emit.
                current.Clear();
                carried = 0;
                return;
            }
            var text = current.ToString().Trim();
            current.Clear();
            carried = 0;
            if (text.Length == 0)
            {
                return;
            }
            chunks.Add(new ChunkDraft(chunks.Count, text, headings.Count == 0 ? null : string.Join(" > ", headings.Select(h => h.Text))));
            if (keepOverlap && OverlapChars > 0)
            {
                current.Append(Tail(text, OverlapChars));
                carried = current.Length;
            }
        }

        foreach (var block in blocks)
        {
            if (block.IsHeading)
            {
                Flush(keepOverlap: false);
                headings.RemoveAll(h => h.Level >= block.HeadingLevel);
                headings.Add((block.HeadingLevel, block.Text.Trim()));
                continue;
            }
            foreach (var piece in Pieces(block.Text.Trim()))
            {
                var separatorLength = current.Length == 0 ? 0 : 2;
                if (current.Length + separatorLength + piece.Length > MaxChars && current.Length > carried)
                {
                    Flush(keepOverlap: true);
                }
                if (current.Length > 0)
                {
                    current.Append("\n\n");
                }
                current.Append(piece);
            }
        }
        Flush(keepOverlap: false);
        return chunks;
    }

    /// <summary>A paragraph that fits is one piece; a longer one is cut at sentence ends, then at spaces.</summary>
    private IEnumerable<string> Pieces(string paragraph)
    {
        var budget = MaxChars - OverlapChars - 2;
        if (paragraph.Length <= budget)
        {
            yield return paragraph;
            yield break;
        }
        var piece = new StringBuilder();
        foreach (var sentence in Sentences(paragraph))
        {
            foreach (var part in HardSplit(sentence, budget))
            {
                if (piece.Length > 0 && piece.Length + 1 + part.Length > budget)
                {
                    yield return piece.ToString();
                    piece.Clear();
                }
                if (piece.Length > 0)
                {
                    piece.Append(' ');
                }
                piece.Append(part);
            }
        }
        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' or '\n' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])))
            {
                var sentence = text[start..(i + 1)].Trim();
                if (sentence.Length > 0)
                {
                    yield return sentence;
                }
                start = i + 1;
            }
        }
        if (start < text.Length && text[start..].Trim() is { Length: > 0 } rest)
        {
            yield return rest;
        }
    }

    private static IEnumerable<string> HardSplit(string text, int budget)
    {
        while (text.Length > budget)
        {
            var cut = text.LastIndexOf(' ', budget);
            if (cut <= budget / 2)
            {
                cut = budget;
            }
            yield return text[..cut].Trim();
            text = text[cut..].Trim();
        }
        if (text.Length > 0)
        {
            yield return text;
        }
    }

    /// <summary>The last words of a chunk, up to <paramref name="chars"/>, starting at a word boundary.</summary>
    private static string Tail(string text, int chars)
    {
        if (text.Length <= chars)
        {
            return text;
        }
        var start = text.IndexOf(' ', text.Length - chars);
        return start < 0 ? "" : text[(start + 1)..];
    }
}
