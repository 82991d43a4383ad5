using System.Security.Cryptography;
using System.Text;

namespace Conversa.Core.Catalog;

/// <summary>
/// <c>X-Catalog-Signature: sha256=&lt;hex HMAC-SHA256(catalog secret, raw body)&gt;</c>, checked on the bytes as
/// received and compared in constant time, so a publish proves it comes from whoever holds the tenant's secret.
/// </summary>
public static class CatalogSignature
{
    public const string HeaderName = "X-Catalog-Signature";
    private const string Scheme = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }
        var value = header.Trim();
        if (!value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value.Length != Scheme.Length + 64)
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(value.AsSpan(Scheme.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>A new random secret: 32 bytes, URL-safe, recognisable by its prefix.</summary>
    public static string NewSecret() => "cat_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
