using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Conversa.Core.Channels.Chatwoot;

/// <summary>
/// <c>X-Chatwoot-Signature: sha256=&lt;hex HMAC-SHA256(secret, "{X-Chatwoot-Timestamp}.{raw body}")&gt;</c>, checked on
/// the bytes as received and compared in constant time; a timestamp more than <see cref="Tolerance"/> from now is
/// refused, so a captured delivery cannot be replayed later.
/// </summary>
public static class ChatwootSignature
{
    public const string SignatureHeader = "X-Chatwoot-Signature";
    public const string TimestampHeader = "X-Chatwoot-Timestamp";
    public const string DeliveryHeader = "X-Chatwoot-Delivery";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const string Scheme = "sha256=";

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(Hash(secret, timestamp, body));

    public static bool IsValid(string secret, string? timestamp, ReadOnlySpan<byte> body, string? header, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header) || string.IsNullOrWhiteSpace(timestamp))
        {
            return false;
        }
        timestamp = timestamp.Trim();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds() ||
            (DateTimeOffset.FromUnixTimeSeconds(seconds) - now).Duration() > Tolerance)
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
        return CryptographicOperations.FixedTimeEquals(Hash(secret, timestamp, body), given);
    }

    private static byte[] Hash(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
