namespace Conversa.Infrastructure.Audit;

/// <summary>Who acts in this scope beyond the ids of the tenant context; set by the HTTP pipeline, read by <see cref="AuditLog"/>.</summary>
public sealed class AuditActor
{
    public string? Email { get; set; }
    public string? Ip { get; set; }
}
