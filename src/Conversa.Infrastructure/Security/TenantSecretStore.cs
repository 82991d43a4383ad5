using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Security;

/// <summary>The scope tenant's encrypted secrets. Values go in and come out only here; the API never returns them.</summary>
public sealed class TenantSecretStore(AppDbContext db, SecretProtector protector)
{
    public async Task SetAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        var tenantId = db.CurrentTenantId;
        var row = await db.TenantSecrets.FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        var ciphertext = protector.Protect(tenantId, name, value);
        if (row is null)
        {
            db.TenantSecrets.Add(new TenantSecret { Name = name, Ciphertext = ciphertext });
        }
        else
        {
            row.Ciphertext = ciphertext;
            row.UpdatedAt = DateTime.UtcNow;
        }
    }

    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        var row = await db.TenantSecrets.FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (row is not null)
        {
            db.TenantSecrets.Remove(row);
        }
    }

    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var row = await db.TenantSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        return row is null ? null : protector.Unprotect(db.CurrentTenantId, name, row.Ciphertext);
    }

    public async Task<HashSet<string>> NamesAsync(CancellationToken cancellationToken = default) =>
        (await db.TenantSecrets.AsNoTracking().Select(s => s.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
}
