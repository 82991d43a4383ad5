using System.Security.Cryptography;

namespace Conversa.Core.Catalog;

/// <summary>Codes of short links: random, case-sensitive letters and digits, unguessable enough to need no tenant in the URL.</summary>
public static class ShortLinkCode
{
    public const int Length = 8;
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Whether a code from a URL could be one of ours; anything else is 404 without a lookup.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: >= 4 and <= 32 } && code.All(char.IsAsciiLetterOrDigit);
}
