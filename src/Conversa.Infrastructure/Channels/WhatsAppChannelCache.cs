using Conversa.Core.Channels;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Channels;

/// <summary>
/// A tenant's WhatsApp number (its row, no secrets) and its decrypted access token, kept briefly per node by tenant
/// id: the inbox handler, the outbox's choice of sender and the sender each needed them for every message, three reads
/// and a decryption per reply. Saving or removing the channel on this node forgets the entry at once; on other nodes a
/// change shows within <see cref="ChannelSettingsCache{T}.Lifetime"/>, as for <see cref="WhatsAppAppSecrets"/>. The
/// row is shared by readers and must not be changed or attached.
/// </summary>
public sealed class WhatsAppChannelCache : IDisposable
{
    private readonly ChannelSettingsCache<WhatsAppChannel?> _numbers = new();
    private readonly ChannelSettingsCache<string?> _tokens = new();

    /// <summary>The number of the context's tenant, or null when it has none.</summary>
    public ValueTask<WhatsAppChannel?> NumberAsync(AppDbContext db, CancellationToken cancellationToken) =>
        _numbers.GetAsync(db.CurrentTenantId, () => db.WhatsAppChannels.AsNoTracking().FirstOrDefaultAsync(cancellationToken));

    public ValueTask<string?> AccessTokenAsync(Guid tenantId, Func<Task<string?>> load) => _tokens.GetAsync(tenantId, load);

    /// <summary>Forgets the tenant's number and token; call after the change is committed.</summary>
    public void Invalidate(Guid tenantId)
    {
        _numbers.Invalidate(tenantId);
        _tokens.Invalidate(tenantId);
    }

    public void Dispose()
    {
        _numbers.Dispose();
        _tokens.Dispose();
    }
}
