using Conversa.Core.Channels.Chatwoot;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Conversa.Infrastructure.Channels.Chatwoot;

/// <summary>
/// What a Chatwoot webhook is checked against — the tenant's channel (null when it has none) and its decrypted webhook
/// secret — kept briefly per node by tenant id: otherwise every delivery opened a tenant scope, read the channel and
/// decrypted the secret. Saving or removing the channel on this node forgets the entry at once (a read racing the save
/// does not put the old one back); other nodes see a change within <see cref="CacheLifetime"/>, so on them a replaced
/// secret still verifies until then, as in <see cref="ChatwootDirectory"/>.
/// </summary>
public sealed class ChatwootWebhookSettings(TenantScope scope) : IDisposable
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private long _changes;

    /// <summary>A tenant's channel as stored and its webhook secret. The channel is shared between requests: read it, never change it.</summary>
    public sealed record Settings(ChatwootChannel? Channel, string? WebhookSecret);

    public async ValueTask<Settings> GetAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(tenantId, out Settings? cached))
        {
            return cached!;
        }
        var changesBefore = Interlocked.Read(ref _changes);
        var settings = await scope.RunAsync(tenantId, async services =>
        {
            var channel = await services.GetRequiredService<AppDbContext>().ChatwootChannels.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            var secret = channel is null ? null
                : await services.GetRequiredService<TenantSecretStore>().GetAsync(ChatwootChannel.WebhookSecretName, cancellationToken);
            return new Settings(channel, secret);
        }, cancellationToken);
        _cache.Set(tenantId, settings, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheLifetime });
        if (Interlocked.Read(ref _changes) != changesBefore)
        {
            // A channel changed while we read: what we read may be the old one, so do not keep it.
            _cache.Remove(tenantId);
        }
        return settings;
    }

    /// <summary>Forgets the tenant's settings; call after the change is committed.</summary>
    public void Invalidate(Guid tenantId)
    {
        Interlocked.Increment(ref _changes);
        _cache.Remove(tenantId);
    }

    public void Dispose() => _cache.Dispose();
}
