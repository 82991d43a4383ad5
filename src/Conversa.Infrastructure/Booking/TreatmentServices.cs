using System.Text.Json.Nodes;
using Conversa.Core.Booking;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Booking;

/// <summary>
/// Turns a legacy <c>treatment_durations</c> map (<c>{"botox": 30, "limpieza facial": 60}</c>) into the tenant's
/// services: a name with no service (by slug, active or not) is created, an existing one takes the configured
/// duration. Running it again changes nothing, so a config reload is idempotent; services the map does not name,
/// and everything else about the named ones (price, buffer, active), are the tenant's own and left alone.
/// </summary>
public static class TreatmentServices
{
    public sealed record Outcome(int Created, int Updated);

    public static Dictionary<string, int> Read(JsonObject? durations)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, minutes) in durations ?? [])
        {
            if (minutes is JsonValue value && value.TryGetValue<int>(out var m) &&
                m is >= ServiceInput.MinDuration and <= ServiceInput.MaxDuration && !string.IsNullOrWhiteSpace(name))
            {
                result[name.Trim()] = m;
            }
        }
        return result;
    }

    public static async Task<Outcome> SyncAsync(AppDbContext db, IReadOnlyDictionary<string, int> durations, DateTime now, CancellationToken cancellationToken)
    {
        if (durations.Count == 0)
        {
            return new Outcome(0, 0);
        }
        var tenantId = db.CurrentTenantId;
        var currency = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Currency).FirstAsync(cancellationToken);
        var existing = await db.Services.ToDictionaryAsync(s => s.Slug, StringComparer.Ordinal, cancellationToken);
        int created = 0, updated = 0;
        foreach (var (name, minutes) in durations)
        {
            var slug = Service.SlugOf(name);
            if (slug.Length == 0 || name.Length > ServiceInput.MaxNameLength)
            {
                continue;
            }
            if (!existing.TryGetValue(slug, out var service))
            {
                service = new Service { CreatedAt = now };
                service.Apply(new ServiceInput(name, minutes), currency, now);
                db.Services.Add(service);
                existing[slug] = service;
                created++;
            }
            else if (service.DurationMinutes != minutes)
            {
                service.DurationMinutes = minutes;
                service.UpdatedAt = now;
                updated++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(created, updated);
    }
}
