namespace Conversa.Core.Channels;

/// <summary>
/// Cuts a reply longer than a channel allows (WhatsApp: 4096 characters per text) into parts that each fit,
/// preferring paragraph ends, then sentence ends, then spaces, so no word is cut unless one is longer than a part.
/// </summary>
public static class MessageSplitter
{
    public const int WhatsAppTextLimit = 4096;

    public static IReadOnlyList<string> Split(string text, int limit = WhatsAppTextLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 16);
        var parts = new List<string>();
        var rest = text.Trim();
        while (rest.Length > limit)
        {
            var cut = CutAt(rest, limit);
            var part = rest[..cut].TrimEnd();
            if (part.Length > 0)
            {
                parts.Add(part);
            }
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0 || parts.Count == 0)
        {
            parts.Add(rest);
        }
        return parts;
    }

    /// <summary>Where to end the next part: after the last paragraph break, sentence end or space within the limit.</summary>
    private static int CutAt(string text, int limit)
    {
        var window = text.AsSpan(0, limit);
        // A break in the first third would make a tiny part followed by many: only accept later ones.
        var floor = limit / 3;
        var paragraph = window.LastIndexOf("\n\n");
        if (paragraph >= floor)
        {
            return paragraph + 2;
        }
        var line = window.LastIndexOf('\n');
        if (line >= floor)
        {
            return line + 1;
        }
        for (var i = limit - 2; i >= floor; i--)
        {
            if (window[i] is '.' or '!' or '?' or '…' && char.IsWhiteSpace(window[i + 1]))
            {
                return i + 1;
            }
        }
        var space = window.LastIndexOf(' ');
        if (space >= floor)
        {
            return space + 1;
        }
        // No break at all: cut hard, but never between the halves of a surrogate pair.
        return char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
    }
}
