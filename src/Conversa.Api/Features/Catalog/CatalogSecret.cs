using Conversa.Core.Catalog;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Catalog;

/// <summary>The tenant's catalog signing secret, encrypted at rest in <see cref="TenantSecretStore"/> and made on first need.</summary>
internal static class CatalogSecret
{
    public const string Name = "catalog.secret";

    public static async Task<string> GetOrCreateAsync(
        TenantSecretStore secrets, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await secrets.GetAsync(Name, cancellationToken) is { } existing)
        {
            return existing;
        }
        var secret = CatalogSignature.NewSecret();
        await secrets.SetAsync(Name, secret, cancellationToken);
        audit.Record("catalog.secret_created", db.CurrentTenantId, Name);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return secret;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two first requests raced; the one saved first is the secret.
            db.ChangeTracker.Clear();
            return await secrets.GetAsync(Name, cancellationToken) ?? throw new InvalidOperationException("The catalog secret vanished.");
        }
    }

    public static async Task<string> RotateAsync(TenantSecretStore secrets, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var secret = CatalogSignature.NewSecret();
        await secrets.SetAsync(Name, secret, cancellationToken);
        audit.Record("catalog.secret_rotated", db.CurrentTenantId, Name);
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }
}
