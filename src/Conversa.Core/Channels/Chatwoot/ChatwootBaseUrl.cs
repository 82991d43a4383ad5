namespace Conversa.Core.Channels.Chatwoot;

/// <summary>
/// One spelling per Chatwoot install: scheme, lowercase host, port only when not the scheme's default, and path,
/// without a trailing slash. Two channels name the same install exactly when their normalised base URLs are equal.
/// </summary>
public static class ChatwootBaseUrl
{
    /// <summary>The normalised form; a value that is not an absolute URL (an old row, say) is only trimmed.</summary>
    public static string Normalize(string baseUrl)
    {
        var trimmed = baseUrl.Trim();
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : trimmed.TrimEnd('/');
    }

    public static bool SameInstall(string first, string second) => string.Equals(Normalize(first), Normalize(second), StringComparison.Ordinal);
}
