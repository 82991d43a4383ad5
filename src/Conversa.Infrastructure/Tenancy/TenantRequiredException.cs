namespace Conversa.Infrastructure.Tenancy;

/// <summary>Tenant-owned data was touched where no tenant is known: a programming error, never a user error.</summary>
public sealed class TenantRequiredException(string message) : InvalidOperationException(message);
