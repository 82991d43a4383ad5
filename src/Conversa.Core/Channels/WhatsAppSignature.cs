using System.Security.Cryptography;
using System.Text;

namespace Conversa.Core.Channels;

/// <summary>
/// <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256(app secret, raw body)&gt;</c>. Meta escapes non-ASCII as
/// <c>\uXXXX</c> before signing, so only the bytes as received verify — never re-serialized JSON — and the
/// comparison takes constant time.
/// </summary>
public static class WhatsAppSignature
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Scheme = "sha256=";

    public static string Sign(string appSecret, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    public static bool IsValid(string appSecret, ReadOnlySpan<byte> body, string? header)
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
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(value.AsSpan(Scheme.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
