using System.Text.Json;
using System.Text.Json.Nodes;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Catalog;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Catalog;

/// <summary>
/// Signed catalog publishing: a snapshot of the whole catalog, checked item by item and activated all or nothing;
/// snapshot history and rollback; the signing secret.
/// </summary>
public static class CatalogSnapshotEndpoints
{
    public const int MaxVersionLength = 100;

    public static void MapCatalogSnapshotEndpoints(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/catalog").WithTags("Catalog");
        // Anyone may call publish naming the tenant (a shop's sync job, a CI pipeline); the signature is what authenticates it.
        catalog.MapPost("/publish", Publish).AllowSignedRequests(Roles.Owner, Roles.Admin);
        catalog.MapGet("/snapshots", List).RequireTenant();
        catalog.MapPost("/snapshots/{id:guid}/activate", Activate).RequireTenantManager();
        catalog.MapGet("/secret", GetSecret).RequireTenantManager();
        catalog.MapPost("/secret/rotate", RotateSecret).RequireTenantManager();
    }

    public sealed record PublishResult(Guid SnapshotId, string Version, int Products);

    public sealed record SnapshotItem(Guid Id, string Version, int Products, DateTime CreatedAt, DateTime? ActivatedAt, bool Active);

    public sealed record SecretView(string Secret);

    private static async Task<IResult> Publish(
        HttpContext http, AppDbContext db, TenantSecretStore secrets, AuditLog audit, CancellationToken cancellationToken)
    {
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await http.Request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        // Required whoever calls, with credentials or without: the signature is the proof the catalog is the tenant's.
        var secret = await secrets.GetAsync(CatalogSecret.Name, cancellationToken);
        if (secret is null || !CatalogSignature.IsValid(secret, body, http.Request.Headers[CatalogSignature.HeaderName].ToString()))
        {
            return Problems.Unauthorized(
                $"{CatalogSignature.HeaderName} must be sha256=<hex HMAC-SHA256 of the raw body with the catalog secret from GET /api/catalog/secret>.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return Problems.BadRequest("The body is not valid JSON: " + e.Message.Split(" Path:")[0]);
        }
        if (root is not JsonObject document)
        {
            return Problems.BadRequest("The body must be a JSON object {\"version\": ..., \"products\": [...]}.");
        }

        var currency = await TenantCurrency.OfAsync(db, cancellationToken);
        var (version, items, errors) = ReadSnapshot(document, currency);
        if (errors.Count > 0)
        {
            return CatalogProblems.InvalidSnapshot(errors);
        }

        var snapshot = new CatalogSnapshot
        {
            Version = version!,
            ProductsJson = JsonSerializer.Serialize(items, JsonDefaults.Options),
            ProductCount = items.Count,
            ActivatedAt = DateTime.UtcNow,
        };
        db.CatalogSnapshots.Add(snapshot);
        await CatalogActivation.ReplaceProductsAsync(db, items, currency, cancellationToken);
        audit.Record("catalog.published", db.CurrentTenantId, snapshot.Id.ToString(), new { version = snapshot.Version, products = items.Count });
        return await SaveAsync(db, snapshot, cancellationToken);
    }

    /// <summary>The snapshot's version and items with every item's errors, named as <c>products[3].price</c>.</summary>
    private static (string? Version, List<ProductInput> Items, List<FieldError> Errors) ReadSnapshot(JsonObject document, string currency)
    {
        var errors = new List<FieldError>();
        string? version = document["version"] is JsonValue value
            ? value.TryGetValue<string>(out var text) ? text.Trim()
            : value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number ? element.GetRawText()
            : null
            : null;
        if (string.IsNullOrEmpty(version))
        {
            errors.Add(new FieldError("version", "version is required: a string naming this catalog, e.g. \"2026-11-22.1\"."));
        }
        else if (version.Length > MaxVersionLength)
        {
            errors.Add(new FieldError("version", $"version is at most {MaxVersionLength} characters."));
        }

        var items = new List<ProductInput>();
        if (document["products"] is not JsonArray products)
        {
            errors.Add(new FieldError("products", "products is required: a list of products."));
            return (version, items, errors);
        }
        var skus = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < products.Count; i++)
        {
            var prefix = $"products[{i}].";
            var (item, error) = ProductJson.Read(products[i], prefix);
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }
            var itemErrors = item!.Validate(prefix);
            errors.AddRange(itemErrors);
            var normalized = item.Normalized();
            if (normalized.Sku is { } sku && !skus.TryAdd(sku, i))
            {
                errors.Add(new FieldError(prefix + "sku", $"sku '{sku}' is also the sku of products[{skus[sku]}]."));
            }
            // A snapshot is frozen content: the tenant's currency today is written into items that name none.
            items.Add(normalized with { Currency = normalized.Currency ?? currency, Active = normalized.Active ?? true });
        }
        return (version, items, errors);
    }

    private static async Task<IResult> List(AppDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var activeId = await ActiveSnapshotIdAsync(db, cancellationToken);
        return await db.CatalogSnapshots.AsNoTracking().OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .ToPageAsync(limit, cursor,
                s => new SnapshotItem(s.Id, s.Version, s.ProductCount, s.CreatedAt, s.ActivatedAt, s.Id == activeId), cancellationToken);
    }

    /// <summary>Rollback (or roll forward): makes an earlier snapshot's products the catalog again, atomically.</summary>
    private static async Task<IResult> Activate(Guid id, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var snapshot = await db.CatalogSnapshots.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (snapshot is null)
        {
            return Problems.NotFound("No such catalog snapshot.");
        }
        var items = JsonSerializer.Deserialize<List<ProductInput>>(snapshot.ProductsJson, JsonDefaults.Options) ?? [];
        await CatalogActivation.ReplaceProductsAsync(db, items, await TenantCurrency.OfAsync(db, cancellationToken), cancellationToken);
        snapshot.ActivatedAt = DateTime.UtcNow;
        audit.Record("catalog.snapshot_activated", db.CurrentTenantId, snapshot.Id.ToString(), new { version = snapshot.Version, products = items.Count });
        return await SaveAsync(db, snapshot, cancellationToken);
    }

    private static async Task<IResult> SaveAsync(AppDbContext db, CatalogSnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("The catalog changed while this one was being activated (a product with one of its skus was created). Nothing was changed; try again.");
        }
        return TypedResults.Ok(new PublishResult(snapshot.Id, snapshot.Version, snapshot.ProductCount));
    }

    private static async Task<Guid?> ActiveSnapshotIdAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.CatalogSnapshots.AsNoTracking().Where(s => s.ActivatedAt != null)
            .OrderByDescending(s => s.ActivatedAt).ThenByDescending(s => s.Id)
            .Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);

    private static async Task<IResult> GetSecret(TenantSecretStore secrets, AppDbContext db, AuditLog audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SecretView(await CatalogSecret.GetOrCreateAsync(secrets, db, audit, cancellationToken)));

    private static async Task<IResult> RotateSecret(TenantSecretStore secrets, AppDbContext db, AuditLog audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SecretView(await CatalogSecret.RotateAsync(secrets, db, audit, cancellationToken)));
}
