using Conversa.Core.Channels;
using Conversa.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Channels;

/// <summary>
/// The app secret a tenant's WhatsApp webhooks are signed with (null when it has no number or no secret of its own),
/// decrypted once and kept briefly per node, by tenant id: otherwise every delivery to a tenant's URL opened a tenant
/// scope to read and decrypt it. Saving or removing the channel on this node forgets the entry at once; on other nodes
/// a replaced secret still verifies for up to <see cref="ChannelSettingsCache{T}.Lifetime"/>, as a changed number does
/// in <see cref="WhatsAppNumberDirectory"/>.
/// </summary>
public sealed class WhatsAppAppSecrets(TenantScope scope) : IDisposable
{
    private readonly ChannelSettingsCache<string?> _cache = new();

    public ValueTask<string?> GetAsync(Guid tenantId, CancellationToken cancellationToken) =>
        _cache.GetAsync(tenantId, () => scope.RunAsync(tenantId,
            services => services.GetRequiredService<WhatsAppChannels>().SecretAsync(WhatsAppChannel.AppSecretSecret, cancellationToken),
            cancellationToken));

    /// <summary>Forgets the tenant's secret; call after the change is committed.</summary>
    public void Invalidate(Guid tenantId) => _cache.Invalidate(tenantId);

    public void Dispose() => _cache.Dispose();
}
