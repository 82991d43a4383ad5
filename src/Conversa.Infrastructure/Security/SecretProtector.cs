using System.Security.Cryptography;
using System.Text;

namespace Conversa.Infrastructure.Security;

/// <summary>
/// AES-GCM encryption of tenant secrets with the master key. The tenant id and secret name are bound
/// as associated data, so a ciphertext copied to another tenant's row does not decrypt.
/// Layout: nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class SecretProtector(byte[] masterKey)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key = masterKey[..32];

    public byte[] Protect(Guid tenantId, string name, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData(tenantId, name));
        return output;
    }

    public string Unprotect(Guid tenantId, string name, byte[] protectedBytes)
    {
        if (protectedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The protected secret is truncated.");
        }
        var plain = new byte[protectedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(
            protectedBytes.AsSpan(0, NonceSize),
            protectedBytes.AsSpan(NonceSize + TagSize),
            protectedBytes.AsSpan(NonceSize, TagSize),
            plain,
            AssociatedData(tenantId, name));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] AssociatedData(Guid tenantId, string name) => Encoding.UTF8.GetBytes($"{tenantId:N}/{name}");
}
