namespace Conversa.Core.Catalog;

/// <summary>Builds a short link's destination: the stored URL with its UTM tags, keeping its own query and fragment.</summary>
public static class TaggedUrl
{
    public static string Build(string url, UtmTags? utm)
    {
        var tags = utm?.Normalized();
        if (tags is null || tags.IsEmpty)
        {
            return url;
        }
        var fragmentAt = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = fragmentAt >= 0 ? url[fragmentAt..] : "";
        var beforeFragment = fragmentAt >= 0 ? url[..fragmentAt] : url;
        var queryAt = beforeFragment.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt >= 0 ? beforeFragment[..queryAt] : beforeFragment;
        var query = queryAt >= 0 ? beforeFragment[(queryAt + 1)..] : "";

        var replaced = tags.Parameters().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // The link's own tags win over tags already in the URL; every other parameter is kept as it was written.
        var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !replaced.Contains(Uri.UnescapeDataString(pair.Split('=', 2)[0])));
        var added = tags.Parameters().Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}");
        return path + "?" + string.Join('&', kept.Concat(added)) + fragment;
    }
}
