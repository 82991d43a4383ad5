using System.Security.Cryptography;

namespace Conversa.Infrastructure.Security;

/// <summary>
/// A 32-byte key from configuration (base64), or generated once into the data dir for the embedded default.
/// Nodes that share a database must share the configured key.
/// </summary>
public static class KeyMaterial
{
    public static byte[] Load(string? configured, string dataDir, string fileName, string settingName)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            try
            {
                var key = Convert.FromBase64String(configured.Trim());
                if (key.Length >= 32)
                {
                    return key;
                }
            }
            catch (FormatException)
            {
                // reported below with the same message as a short key
            }
            throw new InvalidOperationException($"{settingName} must be a base64 key of at least 32 bytes.");
        }

        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, fileName);
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        var generated = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(generated));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            return generated;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process wrote it first: use theirs.
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
