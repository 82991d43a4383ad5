using Conversa.Core.Channels.Chatwoot;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Channels.Chatwoot;

/// <summary>
/// What a Chatwoot webhook is checked against — the tenant's channel (null when it has none) and its decrypted webhook
/// secret — kept briefly per node by tenant id: otherwise every delivery opened a tenant scope, read the channel and
/// decrypted the secret. Saving or removing the channel on this node forgets the entry at once; on other nodes a
/// replaced secret still verifies for up to <see cref="ChannelSettingsCache{T}.Lifetime"/>, as in <see cref="ChatwootDirectory"/>.
/// </summary>
public sealed class ChatwootWebhookSettings(TenantScope scope) : IDisposable
{
    private readonly ChannelSettingsCache<Settings> _cache = new();

    /// <summary>A tenant's channel as stored and its webhook secret. The channel is shared between requests: read it, never change it.</summary>
    public sealed record Settings(ChatwootChannel? Channel, string? WebhookSecret);

    public ValueTask<Settings> GetAsync(Guid tenantId, CancellationToken cancellationToken) =>
        _cache.GetAsync(tenantId, () => scope.RunAsync(tenantId, async services =>
        {
            var channel = await services.GetRequiredService<AppDbContext>().ChatwootChannels.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            var secret = channel is null ? null
                : await services.GetRequiredService<TenantSecretStore>().GetAsync(ChatwootChannel.WebhookSecretName, cancellationToken);
            return new Settings(channel, secret);
        }, cancellationToken));

    /// <summary>Forgets the tenant's settings; call after the change is committed.</summary>
    public void Invalidate(Guid tenantId) => _cache.Invalidate(tenantId);

    public void Dispose() => _cache.Dispose();
}
