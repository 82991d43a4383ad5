using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Identity;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Identity;

public static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/api-keys").RequireTenantManager().WithTags("API keys");
        keys.MapGet("", List);
        keys.MapPost("", Create);
        keys.MapDelete("/{id:guid}", Revoke);
    }

    public sealed record CreateApiKeyRequest(string? Name, string? Kind, List<string>? AllowedOrigins, int? RateLimitPerMinute) : IValidatable
    {
        public void Validate(ValidationErrors errors)
        {
            errors.Required("name", Name);
            errors.When(Kind is not (null or "secret" or "public"), "kind", "kind must be secret or public.");
            errors.When(Kind == "public" && (AllowedOrigins is null || AllowedOrigins.Count == 0), "allowed_origins",
                "a public key needs at least one allowed origin (e.g. https://shop.example.com).");
            errors.When(AllowedOrigins?.Any(o => o != WebOrigin.Any && WebOrigin.Normalize(o) is null) == true, "allowed_origins",
                "each origin must be scheme, host and optional port, such as https://shop.example.com (no path), or *.");
            errors.When(RateLimitPerMinute is < 1, "rate_limit_per_minute", "rate_limit_per_minute must be positive.");
        }
    }

    public sealed record ApiKeyItem(
        Guid Id, string Name, ApiKeyKind Kind, string Prefix, List<string> AllowedOrigins, int? RateLimitPerMinute,
        DateTime CreatedAt, DateTime? RevokedAt, DateTime? LastUsedAt)
    {
        public static ApiKeyItem From(ApiKey k) =>
            new(k.Id, k.Name, k.Kind, k.Prefix, k.AllowedOrigins, k.RateLimitPerMinute, k.CreatedAt, k.RevokedAt, k.LastUsedAt);
    }

    public sealed record CreatedApiKey(
        Guid Id, string Name, ApiKeyKind Kind, string Key, string Prefix, List<string> AllowedOrigins, int? RateLimitPerMinute, DateTime CreatedAt);

    /// <summary>Creates a key row and returns the key itself, which exists nowhere else afterwards.</summary>
    public static (ApiKey Row, string Key) NewKey(string name, ApiKeyKind kind, List<string>? origins = null, int? rateLimit = null)
    {
        var key = ApiKeyFormat.Generate(kind);
        return (new ApiKey
        {
            Name = name,
            Kind = kind,
            KeyHash = ApiKeyFormat.Hash(key),
            Prefix = ApiKeyFormat.DisplayPrefix(key),
            AllowedOrigins = origins?.Select(o => o == WebOrigin.Any ? o : WebOrigin.Normalize(o) ?? o).Distinct().ToList() ?? [],
            RateLimitPerMinute = rateLimit,
        }, key);
    }

    private static Task<IResult> List(AppDbContext db, int? limit, string? cursor, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Prefix)
            .ToPageAsync(limit, cursor, ApiKeyItem.From, cancellationToken);

    private static async Task<IResult> Create(
        CreateApiKeyRequest request, HttpContext http, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var kind = request.Kind == "public" ? ApiKeyKind.Public : ApiKeyKind.Secret;
        var (row, key) = NewKey(request.Name!.Trim(), kind, request.AllowedOrigins, request.RateLimitPerMinute);
        db.ApiKeys.Add(row);
        audit.Record("api_key.created", http.Tenant().TenantId, row.Id.ToString(),
            new { name = row.Name, kind = request.Kind ?? "secret", prefix = row.Prefix });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/api-keys/{row.Id}",
            new CreatedApiKey(row.Id, row.Name, row.Kind, key, row.Prefix, row.AllowedOrigins, row.RateLimitPerMinute, row.CreatedAt));
    }

    private static async Task<IResult> Revoke(
        Guid id, HttpContext http, AppDbContext db, CredentialStore credentials, AuditLog audit, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return Problems.NotFound("No such API key.");
        }
        if (key.RevokedAt is null)
        {
            key.RevokedAt = DateTime.UtcNow;
            audit.Record("api_key.revoked", key.TenantId, key.Id.ToString(), new { prefix = key.Prefix });
            await db.SaveChangesAsync(cancellationToken);
        }
        credentials.EvictApiKey(key.KeyHash);
        return TypedResults.NoContent();
    }
}
