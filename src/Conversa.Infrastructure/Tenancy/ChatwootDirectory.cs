using Conversa.Core.Channels.Chatwoot;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Tenancy;

/// <summary>
/// Finds the tenant a Chatwoot webhook is for before any tenant is known: by the payload's <c>account.id</c> and
/// <c>inbox.id</c>. A configuration for that inbox wins over an account-wide one. Also answers whether another tenant
/// holds an (account, inbox) already, which configuring it must refuse.
/// </summary>
public sealed class ChatwootDirectory(CredentialStore unscoped)
{
    public Task<Guid?> FindTenantAsync(long accountId, long? inboxId, CancellationToken cancellationToken = default)
    {
        var accountWide = ChatwootChannel.RoutingKeyOf(accountId, null);
        var forInbox = inboxId is { } inbox ? ChatwootChannel.RoutingKeyOf(accountId, inbox) : accountWide;
        return unscoped.RunUnscopedAsync(async db =>
        {
            var matches = await db.ChatwootChannels.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.RoutingKey == forInbox || c.RoutingKey == accountWide)
                .Select(c => new { c.TenantId, c.RoutingKey })
                .ToListAsync(cancellationToken);
            return (matches.FirstOrDefault(m => m.RoutingKey == forInbox) ?? matches.FirstOrDefault())?.TenantId;
        });
    }

    /// <summary>Whether a tenant other than <paramref name="tenantId"/> configured exactly this account and inbox.</summary>
    public Task<bool> HeldByAnotherTenantAsync(Guid tenantId, long accountId, long? inboxId, CancellationToken cancellationToken = default)
    {
        var key = ChatwootChannel.RoutingKeyOf(accountId, inboxId);
        return unscoped.RunUnscopedAsync(db => db.ChatwootChannels.IgnoreQueryFilters()
            .AnyAsync(c => c.RoutingKey == key && c.TenantId != tenantId, cancellationToken));
    }
}
