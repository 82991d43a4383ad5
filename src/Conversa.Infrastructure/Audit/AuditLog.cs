using System.Text.Json;
using Conversa.Core.Audit;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;

namespace Conversa.Infrastructure.Audit;

/// <summary>
/// Adds audit events to the scope's <see cref="AppDbContext"/>, so an event is saved in the same
/// transaction as the change it describes. The actor comes from the scope's tenant context.
/// </summary>
public sealed class AuditLog(AppDbContext db, TenantContextHolder holder, AuditActor actor)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public void Record(string action, Guid? tenantId, string? target = null, object? detail = null)
    {
        var context = holder.Current;
        db.AuditEvents.Add(new AuditEvent
        {
            Action = action,
            TenantId = tenantId,
            Target = target,
            ActorKind = context.Caller.ToString().ToLowerInvariant(),
            ActorId = (context.UserId ?? context.ApiKeyId)?.ToString(),
            ActorEmail = actor.Email,
            Ip = actor.Ip,
            DetailJson = detail is null ? null : JsonSerializer.Serialize(detail, Json),
        });
    }
}
