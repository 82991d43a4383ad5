using System.Security.Cryptography;
using System.Text;

namespace Conversa.Core.Identity;

/// <summary>How keys look (<c>sk_...</c>, <c>pk_...</c>) and how they are hashed for storage.</summary>
public static class ApiKeyFormat
{
    public const string SecretPrefix = "sk_";
    public const string PublicPrefix = "pk_";

    public static string Generate(ApiKeyKind kind)
    {
        var prefix = kind == ApiKeyKind.Secret ? SecretPrefix : PublicPrefix;
        return prefix + Base64UrlNoPadding(RandomNumberGenerator.GetBytes(24));
    }

    public static bool LooksLikeKey(string? value) =>
        value is not null && value.Length > 10 &&
        (value.StartsWith(SecretPrefix, StringComparison.Ordinal) || value.StartsWith(PublicPrefix, StringComparison.Ordinal));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What lists show: enough to tell keys apart, useless to an attacker.</summary>
    public static string DisplayPrefix(string key) => key[..Math.Min(key.Length, 10)];

    private static string Base64UrlNoPadding(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
