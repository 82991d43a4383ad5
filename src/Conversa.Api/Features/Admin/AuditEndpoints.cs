using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Audit;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Admin;

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/audit", List).RequireSuperadmin().WithTags("Admin");

    public sealed record AuditItem(
        Guid Id, Guid? TenantId, string Action, string ActorKind, string? ActorId, string? ActorEmail, string? Target,
        System.Text.Json.Nodes.JsonNode? Detail, string? Ip, DateTime CreatedAt)
    {
        public static AuditItem From(AuditEvent a) => new(a.Id, a.TenantId, a.Action, a.ActorKind, a.ActorId, a.ActorEmail, a.Target,
            a.DetailJson is null ? null : System.Text.Json.Nodes.JsonNode.Parse(a.DetailJson), a.Ip, a.CreatedAt);
    }

    private static async Task<IResult> List(
        AppDbContext db, TenantDirectory directory, string? tenant, string? action, int? limit, string? cursor,
        CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(tenant))
        {
            var info = await directory.FindAsync(tenant, cancellationToken);
            if (info is null)
            {
                return Problems.NotFound($"Tenant '{tenant}' does not exist.");
            }
            query = query.Where(a => a.TenantId == info.Id);
        }
        if (!string.IsNullOrWhiteSpace(action))
        {
            query = query.Where(a => a.Action == action);
        }
        return await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .ToPageAsync(limit, cursor, AuditItem.From, cancellationToken);
    }
}
