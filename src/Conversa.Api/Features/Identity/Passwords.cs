using Microsoft.AspNetCore.Identity;

namespace Conversa.Api.Features.Identity;

/// <summary>ASP.NET Core Identity's password hasher (PBKDF2), for users and platform admins alike.</summary>
public static class Passwords
{
    public const int MinLength = 8;
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Subject = new();

    public static string Hash(string password) => Hasher.HashPassword(Subject, password);

    public static bool Verify(string hash, string password) =>
        hash.Length > 0 && Hasher.VerifyHashedPassword(Subject, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>Burns the same time as a real check, so unknown emails cannot be told from wrong passwords.</summary>
    public static void VerifyNothing(string password) => Verify(DummyHash, password);

    private static readonly string DummyHash = Hash(Guid.NewGuid().ToString());
}
