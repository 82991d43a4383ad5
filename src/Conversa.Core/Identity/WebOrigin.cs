namespace Conversa.Core.Identity;

/// <summary>
/// Web origins as browsers send them in <c>Origin</c> (<c>scheme://host[:port]</c>, lower case, no default port), so a
/// public key's <c>allowed_origins</c> compare with the header exactly however the owner typed them
/// (<c>https://Shop.example.com:443/</c> and <c>https://shop.example.com</c> are the same origin).
/// </summary>
public static class WebOrigin
{
    /// <summary>In <c>allowed_origins</c>: any real origin (never a missing or opaque <c>null</c> one).</summary>
    public const string Any = "*";

    /// <summary>The origin of an http(s) URL without path, query or user info; null for anything else.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("http" or "https") || uri.Host.Length == 0 || uri.UserInfo.Length > 0 ||
            uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    /// <summary>Whether <paramref name="origin"/> (the request's <c>Origin</c> header) is one of <paramref name="allowed"/>.</summary>
    public static bool Allows(IEnumerable<string> allowed, string? origin)
    {
        if (Normalize(origin) is not { } normalized)
        {
            return false;
        }
        // Stored values are normalized on creation; keys made before that are normalized here.
        return allowed.Any(a => a == Any || a == normalized || Normalize(a) == normalized);
    }
}
