namespace Conversa.Core.Tenancy;

public static class Roles
{
    public const string Superadmin = "superadmin";
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Agent = "agent";

    public static readonly IReadOnlyList<string> TenantRoles = [Owner, Admin, Agent];

    public static bool IsTenantRole(string role) => TenantRoles.Contains(role);

    /// <summary>Owners and admins manage the tenant; agents only work conversations.</summary>
    public static bool CanManage(string? role) => role is Owner or Admin or Superadmin;
}
