using Conversa.Core.Booking;
using Conversa.Core.Time;
using Conversa.Infrastructure.Caching;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Conversa.Infrastructure.Booking;

/// <summary>A free slot of one provider, with the zone its times are shown in.</summary>
public sealed record AvailableSlot(Instant Start, Instant End, Guid ProviderId, string ProviderName, DateTimeZone Zone);

public sealed record AvailabilityQuery(Guid ServiceId, Guid? ProviderId, string? From, string? To);

public sealed record Availability(IReadOnlyList<AvailableSlot> Slots, Instant From, Instant To, DateTimeZone Zone);

/// <summary>
/// <c>GET /api/availability</c>: loads the service, its providers' hours and their bookings over the window in two
/// queries, and lets <see cref="SlotFinder"/> do the arithmetic. No provider named means every active provider
/// performing the service, merged by start time.
/// </summary>
public sealed class AvailabilityFinder(AppDbContext db, TenantReadCache cache, BookingDesk desk, TimeProvider time)
{
    public static readonly Duration DefaultRange = Duration.FromDays(7);
    public static readonly Duration MaxRange = Duration.FromDays(31);

    public async Task<(Availability? Result, BookingFailure? Failure)> FindAsync(AvailabilityQuery query, CancellationToken cancellationToken)
    {
        var tenant = await BookingTenant.CachedAsync(db, cache, cancellationToken);
        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == query.ServiceId, cancellationToken);
        if (service is null)
        {
            return (null, BookingFailure.Invalid("service_id", "There is no service with this id."));
        }
        if (!service.Active)
        {
            return (null, BookingFailure.Invalid("service_id", $"The service '{service.Name}' is no longer offered."));
        }
        List<Provider> providers;
        if (query.ProviderId is { } providerId)
        {
            var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == providerId, cancellationToken);
            if (BookingDesk.ProviderProblem(provider, service, await desk.PerformsAsync(providerId, service.Id, cancellationToken)) is { } problem)
            {
                return (null, problem);
            }
            providers = [provider!];
        }
        else
        {
            providers = await desk.ProvidersOf(service.Id).ToListAsync(cancellationToken);
        }

        var zone = query.ProviderId is null ? tenant.Zone : tenant.ZoneOf(providers[0]);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        if (!TryReadBound(query.From, zone, isEnd: false, out var from, now))
        {
            return (null, BookingFailure.Invalid("from", "from must be a date (2026-11-23) or an ISO 8601 timestamp."));
        }
        var defaultTo = from + DefaultRange;
        if (!TryReadBound(query.To, zone, isEnd: true, out var to, defaultTo))
        {
            return (null, BookingFailure.Invalid("to", "to must be a date (2026-11-30, included) or an ISO 8601 timestamp."));
        }
        if (to <= from)
        {
            return (null, BookingFailure.Invalid("to", "to must be after from."));
        }
        // An hour of slack so 31 whole local days across a daylight-saving change still pass.
        if (to - from > MaxRange + Duration.FromHours(1))
        {
            return (null, BookingFailure.Invalid("to", $"The range is at most {MaxRange.Days} days; ask for the rest in another request."));
        }

        var windowFrom = Instant.Max(from, tenant.Policy.EarliestStart(now));
        var windowTo = Instant.Min(to, tenant.Policy.LatestStart(now) + Duration.Epsilon);
        var slots = new List<AvailableSlot>();
        if (windowTo <= windowFrom || providers.Count == 0)
        {
            return (new Availability(slots, from, to, zone), null);
        }
        var length = Duration.FromMinutes(service.DurationMinutes);
        var buffer = Duration.FromMinutes(service.BufferMinutes);
        var ids = providers.Select(p => p.Id).ToList();
        var (busyFrom, busyTo) = (windowFrom.ToDateTimeUtc(), (windowTo + length + buffer).ToDateTimeUtc());
        var busy = (await db.Bookings.AsNoTracking()
                .Where(b => ids.Contains(b.ProviderId) && b.Status != BookingStatus.Cancelled && b.StartAt < busyTo && b.BlockedUntil > busyFrom)
                .Select(b => new { b.ProviderId, b.StartAt, b.BlockedUntil })
                .ToListAsync(cancellationToken))
            .ToLookup(b => b.ProviderId, b => new Interval(Instant.FromDateTimeUtc(b.StartAt), Instant.FromDateTimeUtc(b.BlockedUntil)));
        foreach (var provider in providers)
        {
            var providerZone = tenant.ZoneOf(provider);
            var search = new SlotSearch(provider.Hours(), providerZone, length, buffer, tenant.Policy.SlotStep, windowFrom, windowTo, busy[provider.Id].ToList());
            slots.AddRange(SlotFinder.FreeSlots(search).Select(s => new AvailableSlot(s.Start, s.End, provider.Id, provider.Name, providerZone)));
        }
        slots.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : string.CompareOrdinal(a.ProviderName, b.ProviderName) is var byName and not 0 ? byName : a.ProviderId.CompareTo(b.ProviderId));
        return (new Availability(slots, from, to, zone), null);
    }

    /// <summary>A date means its whole day in <paramref name="zone"/> (the start for <c>from</c>, the end for <c>to</c>); else a timestamp.</summary>
    private static bool TryReadBound(string? text, DateTimeZone zone, bool isEnd, out Instant instant, Instant fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            instant = fallback;
            return true;
        }
        if (isEnd && LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } date)
        {
            instant = zone.AtStartOfDay(date.Value.PlusDays(1)).ToInstant();
            return true;
        }
        return ZonedTime.TryParseDateOrTime(text, zone, out instant);
    }
}
