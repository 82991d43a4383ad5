using System.Text.Json.Nodes;
using Conversa.Core.Booking;
using Conversa.Core.Time;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Conversa.Infrastructure.Booking;

/// <summary>What booking needs to know about the current tenant: its name, zone, language, currency and booking policy.</summary>
public sealed record BookingTenant(string Name, DateTimeZone Zone, string Language, string Currency, BookingPolicy Policy)
{
    private static readonly TenantCached<BookingTenant> Cached = new("booking-tenant", LoadAsync, _ => 1);

    /// <summary>The copy in <see cref="TenantReadCache"/>, for what runs on every chat turn or booking.</summary>
    public static Task<BookingTenant> CachedAsync(AppDbContext db, TenantReadCache cache, CancellationToken cancellationToken) =>
        cache.GetAsync(db, Cached, cancellationToken);

    /// <summary>Read from the tenant row now.</summary>
    public static async Task<BookingTenant> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new { t.Name, t.Timezone, t.Language, t.Currency, t.SettingsJson })
            .FirstAsync(cancellationToken);
        var settings = JsonNode.Parse(tenant.SettingsJson) as JsonObject;
        return new BookingTenant(
            tenant.Name, ZonedTime.Zone(tenant.Timezone), tenant.Language, tenant.Currency, BookingPolicy.From(settings?["booking"] as JsonObject));
    }

    /// <summary>The zone a provider's hours are read in: its own when set, else the tenant's.</summary>
    public DateTimeZone ZoneOf(Provider provider) => provider.Timezone is { } zone ? ZonedTime.Zone(zone) : Zone;
}
