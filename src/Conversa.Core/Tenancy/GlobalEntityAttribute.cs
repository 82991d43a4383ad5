namespace Conversa.Core.Tenancy;

/// <summary>
/// Marks an entity that is deliberately not tenant-owned (the tenant catalog, plans, platform audit).
/// Every entity is either <see cref="ITenantOwned"/> or carries this attribute, with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GlobalEntityAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
